namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// What the filter does with one field of a message type that may hold classified data: remove it
/// when the caller lacks a class in <see cref="Required"/>, otherwise rewrite inside it when
/// <see cref="Nested"/> may hold fields the caller cannot see. Fields without a rule are copied.
/// </summary>
internal sealed partial class FieldRule
{
    public FieldRule(string segment, ClassificationSet required, MessagePlan? nested)
    {
        Segment = segment;
        Required = required;
        Nested = nested;
    }

    /// <summary>
    /// The field's part of a removed-field path: its proto name, <c>[]</c> appended for repeated fields
    /// and <c>{}</c> for maps (<c>report.accounts[].account_number</c>); empty for a map entry's value,
    /// so its fields follow the map (<c>report.collections{}.amount_minor</c>).
    /// </summary>
    public string Segment { get; }

    public ClassificationSet Required { get; }

    /// <summary>The plan of the field's message type (a map's entry type), when that type may hold classified fields.</summary>
    public MessagePlan? Nested { get; }

    public bool MustRewrite(ClassificationSet visible) => Nested is { } nested && !visible.Covers(nested.Reach);
}
