using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace FederatedAgents.Authority.ClientAuthentication;

/// <summary>
/// What a <c>tls_client_auth</c> client's certificate must say (RFC 8705 §2.1.2): exactly one of the
/// subject DN, a URI SAN or a DNS SAN registered for the client.
/// </summary>
internal sealed class CertificateMatch
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    private CertificateMatch(string? subjectDn, string? sanUri, string? sanDns)
    {
        SubjectDn = subjectDn;
        SanUri = sanUri;
        SanDns = sanDns;
    }

    /// <summary>The registered subject DN, normalized (e.g. <c>CN=bank gateway, O=bank</c>).</summary>
    public string? SubjectDn { get; }

    public string? SanUri { get; }

    public string? SanDns { get; }

    /// <summary>Throws <see cref="ArgumentException"/> when the DN does not parse.</summary>
    public static CertificateMatch BySubject(string subjectDn) => new(Normalize(subjectDn), null, null);

    public static CertificateMatch ByUri(string uri) => new(null, uri, null);

    public static CertificateMatch ByDns(string dns) => new(null, null, dns);

    /// <summary>Null when the certificate is the registered one; otherwise what differs.</summary>
    public string? FindMismatch(X509Certificate2 certificate)
    {
        if (SubjectDn is not null)
        {
            var subject = certificate.SubjectName.Name;
            return string.Equals(subject, SubjectDn, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"its subject is '{subject}', but '{SubjectDn}' is registered";
        }

        var (kind, expected, names) = SanUri is not null
            ? ("URI", SanUri, ReadNames(certificate, new Asn1Tag(TagClass.ContextSpecific, 6)))
            : ("DNS", SanDns!, ReadNames(certificate, new Asn1Tag(TagClass.ContextSpecific, 2)));
        return names.Contains(expected, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"it has no {kind} subject alternative name '{expected}' (it has {(names.Count == 0 ? "none" : string.Join(", ", names))})";
    }

    public override string ToString() =>
        SubjectDn is not null ? $"subject '{SubjectDn}'" : SanUri is not null ? $"URI SAN '{SanUri}'" : $"DNS SAN '{SanDns}'";

    private static string Normalize(string subjectDn)
    {
        try
        {
            return new X500DistinguishedName(subjectDn).Name;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"'{subjectDn}' is not a distinguished name such as 'CN=bank gateway, O=bank' ({e.Message})", e);
        }
    }

    /// <summary>The IA5String general names with <paramref name="tag"/> in the SAN extension.</summary>
    private static List<string> ReadNames(X509Certificate2 certificate, Asn1Tag tag)
    {
        var names = new List<string>();
        if (certificate.Extensions[SubjectAlternativeNameOid] is not { } extension)
        {
            return names;
        }

        try
        {
            var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                if (sequence.PeekTag().HasSameClassAndValue(tag))
                {
                    names.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            names.Clear();
        }

        return names;
    }
}
