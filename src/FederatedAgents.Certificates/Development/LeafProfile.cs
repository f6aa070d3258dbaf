using System.Net;
using System.Security.Cryptography.X509Certificates;
using FederatedAgents.Certificates.Trust;

namespace FederatedAgents.Certificates.Development;

/// <summary>
/// What an organization's development leaf certificate looks like. Server: CN and SAN name the
/// org's host (<c>&lt;org&gt;.localhost</c>, <c>localhost</c>, loopback IPs). Client: the subject names
/// the org's gateway (partners match client certificates by CA and subject) plus a URI SAN.
/// </summary>
internal sealed class LeafProfile
{
    private LeafProfile(CertificateUsage usage, X500DistinguishedName subject, X509Extension subjectAlternativeName)
    {
        Usage = usage;
        Subject = subject;
        SubjectAlternativeName = subjectAlternativeName;
    }

    public CertificateUsage Usage { get; }

    public X500DistinguishedName Subject { get; }

    public X509Extension SubjectAlternativeName { get; }

    public static LeafProfile Server(string organization)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName($"{organization}.localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        return new LeafProfile(CertificateUsage.Server, Name(organization, $"{organization}.localhost"), names.Build());
    }

    public static LeafProfile Client(string organization)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri($"https://{organization}.localhost/gateway"));
        return new LeafProfile(CertificateUsage.Client, Name(organization, $"{organization} gateway"), names.Build());
    }

    /// <summary>Why <paramref name="certificate"/> is not what this profile issues, or null when it is.</summary>
    public string? FindMismatch(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(Subject.RawData))
        {
            return $"its subject is '{certificate.Subject}', expected '{Subject.Name}'";
        }

        var names = certificate.Extensions[SubjectAlternativeName.Oid!.Value!];
        return names is not null && names.RawData.AsSpan().SequenceEqual(SubjectAlternativeName.RawData)
            ? null
            : $"its subject alternative names are not the expected {SubjectAlternativeName.Format(multiLine: false)}";
    }

    private static X500DistinguishedName Name(string organization, string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        // The builder encodes in reverse order of addition: O first, then CN, as is conventional.
        builder.AddCommonName(commonName);
        builder.AddOrganizationName(organization);
        return builder.Build();
    }
}
