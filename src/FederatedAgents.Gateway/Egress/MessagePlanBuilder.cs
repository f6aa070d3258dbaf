using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Builds the plans of a message type and of every type it holds, however deep and even when types
/// hold one another. A field's own classification and that of the message type it holds (for a map,
/// the value type) both apply.
/// </summary>
internal static class MessagePlanBuilder
{
    public static MessagePlan Build(MessageDescriptor root)
    {
        var plans = new Dictionary<MessageDescriptor, MessagePlan>();
        var required = new Dictionary<FieldDescriptor, ClassificationSet>();
        Collect(root, plans, required);

        var reach = plans.Keys.ToDictionary(descriptor => descriptor, _ => ClassificationSet.None);
        bool changed;
        do
        {
            changed = false;
            foreach (var descriptor in plans.Keys)
            {
                var found = ClassificationSet.None;
                foreach (var field in descriptor.Fields.InDeclarationOrder())
                {
                    found = found.Union(required[field]);
                    if (HeldType(field) is { } held)
                    {
                        found = found.Union(reach[held]);
                    }
                }

                changed |= found != reach[descriptor];
                reach[descriptor] = found;
            }
        }
        while (changed);

        foreach (var (descriptor, plan) in plans)
        {
            plan.Complete(Rules(descriptor, plans, required, reach), reach[descriptor]);
        }

        return plans[root];
    }

    private static void Collect(MessageDescriptor root, Dictionary<MessageDescriptor, MessagePlan> plans, Dictionary<FieldDescriptor, ClassificationSet> required)
    {
        var pending = new Stack<MessageDescriptor>([root]);
        while (pending.TryPop(out var descriptor))
        {
            if (!plans.TryAdd(descriptor, new MessagePlan(descriptor)))
            {
                continue;
            }

            foreach (var field in descriptor.Fields.InDeclarationOrder())
            {
                required[field] = ClassificationOptions.Of(field).Union(ValueType(field) is { } value ? ClassificationOptions.Of(value) : ClassificationSet.None);
                if (HeldType(field) is { } held)
                {
                    pending.Push(held);
                }
            }
        }
    }

    private static Dictionary<int, FieldRule> Rules(
        MessageDescriptor descriptor,
        Dictionary<MessageDescriptor, MessagePlan> plans,
        Dictionary<FieldDescriptor, ClassificationSet> required,
        Dictionary<MessageDescriptor, ClassificationSet> reach)
    {
        var rules = new Dictionary<int, FieldRule>();
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            var needs = required[field];
            var nested = HeldType(field) is { } held && !reach[held].IsEmpty ? plans[held] : null;
            if (!needs.IsEmpty || nested is not null)
            {
                rules[field.FieldNumber] = new FieldRule(Segment(field, descriptor), needs, nested);
            }
        }

        return rules;
    }

    /// <summary>
    /// The message type whose bytes the field holds: a map's entry type, a message's type. (Google.Protobuf
    /// 3.25 reports proto2 groups as messages; the filter tells them apart by wire type.)
    /// </summary>
    private static MessageDescriptor? HeldType(FieldDescriptor field) =>
        field.FieldType is FieldType.Message or FieldType.Group ? field.MessageType : null;

    /// <summary>The message type of the field's values: for a map, its value type (when a message).</summary>
    private static MessageDescriptor? ValueType(FieldDescriptor field) =>
        field.IsMap ? HeldType(field.MessageType.FindFieldByNumber(2)) : HeldType(field);

    private static string Segment(FieldDescriptor field, MessageDescriptor containing)
    {
        if (field.FieldNumber == 2 && containing.GetOptions()?.MapEntry == true)
        {
            return "";
        }

        return field.IsMap ? field.Name + "{}" : field.IsRepeated ? field.Name + "[]" : field.Name;
    }
}
