using System.Formats.Asn1;
using System.Numerics;

namespace FederatedAgents.Audit.Checkpoints;

/// <summary>
/// Converts P-256 ECDSA signatures between the JWS form (r || s, 32 bytes each) and the DER
/// <c>SEQUENCE { r INTEGER, s INTEGER }</c> (RFC 3279) that signed notes carry. Parsing is strict DER:
/// one encoding per signature, so a signature line cannot be re-encoded into a second valid one.
/// </summary>
internal static class EcdsaDerSignature
{
    public const int CoordinateSize = 32;

    public static byte[] FromFixed(ReadOnlySpan<byte> fixedSignature)
    {
        if (fixedSignature.Length != 2 * CoordinateSize)
        {
            throw new ArgumentException($"A P-256 signature is {2 * CoordinateSize} bytes r || s, got {fixedSignature.Length}.", nameof(fixedSignature));
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(Unsigned(fixedSignature[..CoordinateSize]));
            writer.WriteInteger(Unsigned(fixedSignature[CoordinateSize..]));
        }

        return writer.Encode();
    }

    /// <summary>The r || s form of a DER signature, or null when it is not exactly one DER sequence of two positive 256-bit integers.</summary>
    public static byte[]? ToFixed(ReadOnlySpan<byte> der)
    {
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var result = new byte[2 * CoordinateSize];
            var ok = !reader.HasData
                && TryReadCoordinate(sequence, result.AsSpan(0, CoordinateSize))
                && TryReadCoordinate(sequence, result.AsSpan(CoordinateSize))
                && !sequence.HasData;
            return ok ? result : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static BigInteger Unsigned(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static bool TryReadCoordinate(AsnReader sequence, Span<byte> destination)
    {
        var value = sequence.ReadInteger();
        return value.Sign > 0
            && value.GetByteCount(isUnsigned: true) <= CoordinateSize
            && value.TryWriteBytes(destination[(CoordinateSize - value.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
    }
}
