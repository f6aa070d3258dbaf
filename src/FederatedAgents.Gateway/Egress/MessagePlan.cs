using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// The egress rules of one message type, computed once from its descriptor: a rule per field that is
/// classified or may hold classified fields, and <see cref="Reach"/>, every class found in the type and
/// the types it holds. A caller who may see all of <see cref="Reach"/> gets the bytes unchanged.
/// </summary>
internal sealed class MessagePlan
{
    /// <summary>Rules of fields numbered up to this many times their count (plus a margin) sit in an array indexed by number.</summary>
    private const int DenseFactor = 4;
    private const int DenseMargin = 64;

    private FieldRule?[] _dense = [];
    private Dictionary<int, FieldRule>? _sparse;

    public MessagePlan(MessageDescriptor descriptor) => Descriptor = descriptor;

    public MessageDescriptor Descriptor { get; }

    public ClassificationSet Reach { get; private set; }

    public FieldRule? Find(int fieldNumber)
    {
        if (_sparse is not null)
        {
            return _sparse.GetValueOrDefault(fieldNumber);
        }

        return (uint)fieldNumber < (uint)_dense.Length ? _dense[fieldNumber] : null;
    }

    /// <summary>Sets the rules once the plans of every reachable type exist (types may hold one another).</summary>
    internal void Complete(IReadOnlyDictionary<int, FieldRule> rules, ClassificationSet reach)
    {
        Reach = reach;
        var highest = rules.Count == 0 ? 0 : rules.Keys.Max();
        if (highest > rules.Count * DenseFactor + DenseMargin)
        {
            _sparse = new Dictionary<int, FieldRule>(rules);
            return;
        }

        _dense = new FieldRule?[highest + 1];
        foreach (var (number, rule) in rules)
        {
            _dense[number] = rule;
        }
    }
}
