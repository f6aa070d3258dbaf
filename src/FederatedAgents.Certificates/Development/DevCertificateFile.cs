namespace FederatedAgents.Certificates.Development;

/// <summary>What a run did to one file.</summary>
public enum DevCertificateStatus
{
    /// <summary>The file did not exist and was written.</summary>
    Created,

    /// <summary>A valid file was already there and was left byte-for-byte untouched.</summary>
    Kept,

    /// <summary>The certificate expired or was about to (see <see cref="DevCertificateFile.Reason"/>) and was issued again.</summary>
    Reissued,

    /// <summary>An existing file was overwritten because overwriting was asked for.</summary>
    Replaced,
}

/// <summary>One file of a development certificate set and what the run did to it.</summary>
public sealed record DevCertificateFile(string Path, DevCertificateStatus Status, string? Reason = null);
