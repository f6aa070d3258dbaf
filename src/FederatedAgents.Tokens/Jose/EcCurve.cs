using System.Security.Cryptography;

namespace FederatedAgents.Tokens.Jose;

/// <summary>
/// A NIST curve with what JOSE needs from it: the JWK <c>crv</c> name, the coordinate size that
/// fixes both JWK coordinates and signature halves, and the group order n that bounds r and s.
/// </summary>
internal sealed class EcCurve
{
    public static readonly EcCurve P256 = new(
        "P-256",
        ECCurve.NamedCurves.nistP256,
        Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"));

    public static readonly EcCurve P384 = new(
        "P-384",
        ECCurve.NamedCurves.nistP384,
        Convert.FromHexString(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973"));

    private readonly byte[] _order;

    private EcCurve(string name, ECCurve curve, byte[] order)
    {
        Name = name;
        Curve = curve;
        _order = order;
    }

    public string Name { get; }

    public ECCurve Curve { get; }

    public int CoordinateSize => _order.Length;

    public static EcCurve? FromName(string? name) =>
        name == P256.Name ? P256 : name == P384.Name ? P384 : null;

    /// <summary>The curve a key reports, matched by OID value (or friendly name when no value is set).</summary>
    public static EcCurve? FromOid(Oid oid) => P256.Is(oid) ? P256 : P384.Is(oid) ? P384 : null;

    private bool Is(Oid oid) =>
        oid.Value is { } value ? value == Curve.Oid.Value : oid.FriendlyName == Curve.Oid.FriendlyName;

    /// <summary>
    /// True when a fixed-size signature half, read as a big-endian integer, lies in [1, n-1].
    /// A zero r or s verifies against anything in some libraries (CVE-2022-21449).
    /// </summary>
    public bool IsInSignatureRange(ReadOnlySpan<byte> value) =>
        value.Length == CoordinateSize && value.ContainsAnyExcept((byte)0) && value.SequenceCompareTo(_order) < 0;
}
