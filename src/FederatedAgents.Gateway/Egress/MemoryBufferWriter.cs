using System.Buffers;

namespace FederatedAgents.Gateway.Egress;

/// <summary>A buffer writer over a fixed block of memory, for writing a message behind a frame prefix not yet known.</summary>
internal sealed class MemoryBufferWriter : IBufferWriter<byte>
{
    private readonly Memory<byte> _memory;
    private int _written;

    public MemoryBufferWriter(Memory<byte> memory) => _memory = memory;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Available(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Available(sizeHint).Span;

    private Memory<byte> Available(int sizeHint)
    {
        var available = _memory[_written..];
        return available.Length >= sizeHint
            ? available
            : throw new InvalidOperationException($"The message needs {sizeHint} more bytes, but only {available.Length} remain in its frame.");
    }
}
