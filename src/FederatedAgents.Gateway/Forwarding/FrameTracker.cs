using FederatedAgents.Grpc.Protocol;

namespace FederatedAgents.Gateway.Forwarding;

/// <summary>
/// Follows the gRPC message framing (1 flag byte, 4 length bytes, payload) across arbitrary chunks without
/// buffering: counts messages and stops at the first prefix that cannot be a message (flag not 0 or 1).
/// </summary>
internal struct FrameTracker
{
    private int _headerSeen;
    private uint _length;
    private long _remaining;

    /// <summary>Messages whose last byte has been seen.</summary>
    public long Messages { get; private set; }

    /// <summary>True once a prefix had an invalid flag; nothing after it is looked at.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>True when the bytes so far end exactly after a whole message (or there were none).</summary>
    public readonly bool AtMessageBoundary => !IsBroken && _headerSeen == 0 && _remaining == 0;

    /// <summary>Follows <paramref name="chunk"/>; returns how many of its leading bytes are well framed (all of them unless it breaks).</summary>
    public int Advance(ReadOnlySpan<byte> chunk)
    {
        var position = 0;
        while (position < chunk.Length && !IsBroken)
        {
            if (_remaining > 0)
            {
                var take = (int)Math.Min(_remaining, chunk.Length - position);
                position += take;
                _remaining -= take;
                if (_remaining == 0)
                {
                    Messages++;
                }

                continue;
            }

            position = ReadHeaderByte(chunk, position);
        }

        return IsBroken ? position : chunk.Length;
    }

    private int ReadHeaderByte(ReadOnlySpan<byte> chunk, int position)
    {
        var value = chunk[position];
        if (_headerSeen == 0)
        {
            if (value > 1)
            {
                IsBroken = true;
                return position;
            }

            _length = 0;
        }
        else
        {
            _length = (_length << 8) | value;
        }

        if (++_headerSeen == GrpcProtocol.MessageHeaderSize)
        {
            _headerSeen = 0;
            _remaining = _length;
            if (_length == 0)
            {
                Messages++;
            }
        }

        return position + 1;
    }
}
