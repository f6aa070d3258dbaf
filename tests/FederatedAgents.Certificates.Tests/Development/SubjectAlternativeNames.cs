using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace FederatedAgents.Certificates.Tests.Development;

/// <summary>Reads a certificate's SAN extension as a test sees it: DNS names, IPs and URIs as text.</summary>
internal static class SubjectAlternativeNames
{
    private static readonly Asn1Tag s_uri = new(TagClass.ContextSpecific, 6);

    public static IReadOnlyList<string> Read(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        var names = extension.EnumerateDnsNames().Select(n => $"DNS:{n}")
            .Concat(extension.EnumerateIPAddresses().Select(ip => $"IP:{ip}"))
            .ToList();

        var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        while (sequence.HasData)
        {
            if (sequence.PeekTag() == s_uri)
            {
                names.Add($"URI:{sequence.ReadCharacterString(UniversalTagNumber.IA5String, s_uri)}");
            }
            else
            {
                sequence.ReadEncodedValue();
            }
        }

        return names;
    }
}
