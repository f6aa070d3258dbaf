namespace FederatedAgents.Gateway.Egress;

internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// One encoded field: the tag starts at <see cref="Start"/>, the value at <see cref="ValueStart"/>, and
/// the field ends before <see cref="End"/>. The payload, [<see cref="PayloadStart"/>, <see cref="PayloadEnd"/>),
/// is the value without its length (length-delimited) or without the end-group tag (group); for other
/// wire types it is the value.
/// </summary>
internal readonly record struct WireField(int Number, WireType Type, int Start, int ValueStart, int PayloadStart, int PayloadEnd, int End);
