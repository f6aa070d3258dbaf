using System.Security.Cryptography;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// What passed in one direction of a call: bytes, messages (framing followed as the bytes stream by) and,
/// when the call is audited, the SHA-256 of the framed body, computed incrementally so nothing is buffered.
/// </summary>
internal sealed class PayloadMeter : IDisposable
{
    private readonly IncrementalHash? _hash;
    private FrameTracker _frames;

    public PayloadMeter(bool digest) => _hash = digest ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

    public long Bytes { get; private set; }

    public long Messages => _frames.Messages;

    public bool IsBroken => _frames.IsBroken;

    public bool AtMessageBoundary => _frames.AtMessageBoundary;

    /// <summary>Counts and hashes <paramref name="chunk"/>; returns how many leading bytes are well framed (forward those).</summary>
    public int Observe(ReadOnlySpan<byte> chunk)
    {
        var valid = _frames.Advance(chunk);
        Bytes += valid;
        _hash?.AppendData(chunk[..valid]);
        return valid;
    }

    public PayloadSummary Summarize() => new(Bytes, Messages, _hash?.GetHashAndReset());

    public void Dispose() => _hash?.Dispose();
}

/// <summary>One direction of a finished call: body bytes, whole messages and the SHA-256 of the body (null when not audited).</summary>
internal sealed record PayloadSummary(long Bytes, long Messages, byte[]? Sha256);
