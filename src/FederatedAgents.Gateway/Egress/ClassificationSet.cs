using FederatedAgents.Grpc.Classification;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// A set of data classes (bit n = <see cref="DataClassification"/> value n). <c>Public</c> is never
/// a member: public data needs no grant. Class numbers this build does not know share one bit that
/// no scope grants, so a field classified by a newer copy of options.proto stays hidden.
/// </summary>
internal readonly record struct ClassificationSet
{
    private const int UnrecognizedBit = 31;

    private readonly uint _mask;

    private ClassificationSet(uint mask) => _mask = mask;

    public static ClassificationSet None => default;

    public bool IsEmpty => _mask == 0;

    public static ClassificationSet Of(DataClassification classification)
    {
        var number = (int)classification;
        if (number == (int)DataClassification.Public)
        {
            return None;
        }

        return new ClassificationSet(1u << (number is > 0 and < UnrecognizedBit ? number : UnrecognizedBit));
    }

    public ClassificationSet Union(ClassificationSet other) => new(_mask | other._mask);

    /// <summary>True when every class in <paramref name="required"/> is in this set.</summary>
    public bool Covers(ClassificationSet required) => (required._mask & ~_mask) == 0;
}
