using System.Numerics;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Reads the protobuf wire format (protobuf.dev/programming-guides/encoding) field by field without a
/// schema, validating structure only: tags, varints, lengths, groups. Errors are
/// <see cref="InvalidDataException"/> naming what is wrong and at which byte.
/// </summary>
internal static class ProtobufWire
{
    /// <summary>Nesting limit for groups and rewritten messages; protobuf parsers default to the same.</summary>
    public const int MaxDepth = 100;

    private const int MaxFieldNumber = (1 << 29) - 1;
    private const int MaxVarintBytes = 10;

    public static WireField ReadField(ReadOnlySpan<byte> data, int position, int end, int depth)
    {
        var start = position;
        var (number, type) = ReadTag(data, ref position, end);
        if (type == WireType.EndGroup)
        {
            throw Invalid($"end-group tag of field {number} outside a group", start);
        }

        var valueStart = position;
        var (payloadStart, payloadEnd) = SkipValue(data, number, type, ref position, end, depth);
        return new WireField(number, type, start, valueStart, payloadStart, payloadEnd, position);
    }

    public static int VarintSize(uint value) => (BitOperations.Log2(value | 1) / 7) + 1;

    public static int WriteVarint(Span<byte> destination, uint value)
    {
        var written = 0;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[written++] = (byte)value;
        return written;
    }

    private static (int Number, WireType Type) ReadTag(ReadOnlySpan<byte> data, ref int position, int end)
    {
        var start = position;
        var tag = ReadVarint(data, ref position, end);
        var type = (WireType)(tag & 7);
        if (tag >> 3 is 0 or > MaxFieldNumber)
        {
            throw Invalid($"tag {tag} has field number {tag >> 3}, outside 1-{MaxFieldNumber}", start);
        }

        if (type > WireType.Fixed32)
        {
            throw Invalid($"field {tag >> 3} has wire type {(int)type}, which does not exist", start);
        }

        return ((int)(tag >> 3), type);
    }

    /// <summary>Moves past the value; returns its payload (see <see cref="WireField"/>).</summary>
    private static (int Start, int End) SkipValue(ReadOnlySpan<byte> data, int number, WireType type, ref int position, int end, int depth)
    {
        var start = position;
        switch (type)
        {
            case WireType.Varint:
                ReadVarint(data, ref position, end);
                return (start, position);
            case WireType.Fixed64:
                Advance(ref position, 8, end, number);
                return (start, position);
            case WireType.Fixed32:
                Advance(ref position, 4, end, number);
                return (start, position);
            case WireType.LengthDelimited:
                var length = ReadVarint(data, ref position, end);
                if (length > (ulong)(end - position))
                {
                    throw Invalid($"field {number} declares {length} bytes but {end - position} remain", start);
                }

                var payloadStart = position;
                position += (int)length;
                return (payloadStart, position);
            default:
                return (start, SkipGroup(data, number, ref position, end, depth + 1));
        }
    }

    /// <summary>Moves past the group's fields and its end-group tag; returns where that tag starts.</summary>
    private static int SkipGroup(ReadOnlySpan<byte> data, int number, ref int position, int end, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Invalid($"groups nest deeper than {MaxDepth} levels", position);
        }

        var start = position;
        while (position < end)
        {
            var tagStart = position;
            var (inner, type) = ReadTag(data, ref position, end);
            if (type == WireType.EndGroup)
            {
                if (inner != number)
                {
                    throw Invalid($"end-group tag of field {inner} closes the group of field {number}", tagStart);
                }

                return tagStart;
            }

            SkipValue(data, inner, type, ref position, end, depth);
        }

        throw Invalid($"group of field {number} has no end-group tag", start);
    }

    private static void Advance(ref int position, int count, int end, int number)
    {
        if (end - position < count)
        {
            throw Invalid($"field {number} needs {count} bytes but {end - position} remain", position);
        }

        position += count;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position, int end)
    {
        // Most tags and lengths fit in one byte.
        if (position < end && data[position] < 0x80)
        {
            return data[position++];
        }

        var start = position;
        ulong value = 0;
        for (var shift = 0; shift < 7 * MaxVarintBytes; shift += 7)
        {
            if (position >= end)
            {
                throw Invalid("the message ends inside a varint", start);
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Invalid($"varint longer than {MaxVarintBytes} bytes", start);
    }

    private static InvalidDataException Invalid(string what, int offset) => new($"{what} (byte {offset})");
}
