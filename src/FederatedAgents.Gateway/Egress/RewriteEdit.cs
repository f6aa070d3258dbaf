namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// One change to the input bytes: [<see cref="Start"/>, <see cref="End"/>) is dropped, and when
/// <see cref="NewLength"/> is not negative a varint of it is written in its place (the new length of a
/// rewritten nested message replaces the old one).
/// </summary>
internal readonly record struct RewriteEdit(int Start, int End, int NewLength)
{
    public static RewriteEdit Drop(int start, int end) => new(start, end, -1);
}
