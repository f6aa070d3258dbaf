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
/// the field ends before <see cref="End"/>. For a length-delimited field the payload starts at
/// <see cref="PayloadStart"/> (after the length); for other wire types that equals <see cref="ValueStart"/>.
/// </summary>
internal readonly record struct WireField(int Number, WireType Type, int Start, int ValueStart, int PayloadStart, int End);
