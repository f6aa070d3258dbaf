using System.Buffers;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Filters one message in two passes over its bytes. <see cref="Measure(MessagePlan)"/> walks the fields, records
/// an edit for each removed field and for each rewritten nested message whose length changes, and
/// returns the filtered size; <see cref="Apply"/> copies the bytes between edits. Nested messages with
/// nothing removed get no edit and are copied as they are; unknown fields are copied as they are.
/// Buffers are rented; dispose to return them.
/// </summary>
internal ref struct MessageRewrite
{
    private const int InitialEdits = 16;

    private readonly ReadOnlySpan<byte> _message;
    private readonly ClassificationSet _visible;
    private readonly FieldRule[] _path;
    private RewriteEdit[] _edits;
    private int _editCount;
    private List<string>? _removed;

    public MessageRewrite(ReadOnlySpan<byte> message, ClassificationSet visible)
    {
        _message = message;
        _visible = visible;
        _path = ArrayPool<FieldRule>.Shared.Rent(ProtobufWire.MaxDepth);
        _edits = ArrayPool<RewriteEdit>.Shared.Rent(InitialEdits);
    }

    /// <summary>Distinct paths of the removed fields, in the order first met; empty when nothing was removed.</summary>
    public readonly IReadOnlyList<string> Removed => _removed ?? (IReadOnlyList<string>)[];

    /// <summary>The filtered size of the whole message. Throws <see cref="InvalidDataException"/> for malformed bytes.</summary>
    public int Measure(MessagePlan plan) => Measure(plan, 0, _message.Length, 0);

    /// <summary>Writes the filtered message (as measured) and returns its size.</summary>
    public readonly int Apply(Span<byte> destination)
    {
        var read = 0;
        var written = 0;
        foreach (var edit in _edits.AsSpan(0, _editCount))
        {
            _message[read..edit.Start].CopyTo(destination[written..]);
            written += edit.Start - read;
            if (edit.NewLength >= 0)
            {
                written += ProtobufWire.WriteVarint(destination[written..], (uint)edit.NewLength);
            }

            read = edit.End;
        }

        _message[read..].CopyTo(destination[written..]);
        return written + _message.Length - read;
    }

    public void Dispose()
    {
        ArrayPool<FieldRule>.Shared.Return(_path, clearArray: true);
        ArrayPool<RewriteEdit>.Shared.Return(_edits);
        _edits = [];
    }

    private int Measure(MessagePlan plan, int start, int end, int depth)
    {
        var size = end - start;
        var position = start;
        while (position < end)
        {
            var field = ProtobufWire.ReadField(_message, position, end, depth);
            position = field.End;
            if (plan.Find(field.Number) is not { } rule)
            {
                continue;
            }

            if (!_visible.Covers(rule.Required))
            {
                AddEdit(RewriteEdit.Drop(field.Start, field.End));
                RemovedFieldPaths.Add(ref _removed, rule.PathBelow(_path.AsSpan(0, depth)));
                size -= field.End - field.Start;
            }
            else if (rule.MustRewrite(_visible))
            {
                size -= RewriteNested(plan, rule, field, depth);
            }
        }

        return size;
    }

    /// <summary>
    /// Measures a nested message (length-delimited) or group the caller may not see all of; returns how
    /// many bytes it shrank. A group has no length to rewrite: its end-group tag delimits it.
    /// </summary>
    private int RewriteNested(MessagePlan plan, FieldRule rule, WireField field, int depth)
    {
        if (field.Type is not (WireType.LengthDelimited or WireType.StartGroup))
        {
            throw new InvalidDataException(
                $"field {field.Number} of {plan.Descriptor.FullName} holds a message but has wire type {(int)field.Type} (byte {field.Start})");
        }

        if (depth + 1 >= ProtobufWire.MaxDepth)
        {
            throw new InvalidDataException($"messages nest deeper than {ProtobufWire.MaxDepth} levels (byte {field.Start})");
        }

        var slot = _editCount;
        var relength = field.Type == WireType.LengthDelimited;
        if (relength)
        {
            AddEdit(default);
        }

        _path[depth] = rule;
        var payload = field.PayloadEnd - field.PayloadStart;
        var filtered = Measure(rule.Nested!, field.PayloadStart, field.PayloadEnd, depth + 1);
        if (filtered == payload)
        {
            _editCount = slot;
            return 0;
        }

        if (!relength)
        {
            return payload - filtered;
        }

        _edits[slot] = new RewriteEdit(field.ValueStart, field.PayloadStart, filtered);
        return field.PayloadStart - field.ValueStart + payload - ProtobufWire.VarintSize((uint)filtered) - filtered;
    }

    private void AddEdit(RewriteEdit edit)
    {
        if (_editCount == _edits.Length)
        {
            var larger = ArrayPool<RewriteEdit>.Shared.Rent(_edits.Length * 2);
            _edits.AsSpan(0, _editCount).CopyTo(larger);
            ArrayPool<RewriteEdit>.Shared.Return(_edits);
            _edits = larger;
        }

        _edits[_editCount++] = edit;
    }
}
