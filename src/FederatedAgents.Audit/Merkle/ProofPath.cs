namespace FederatedAgents.Audit.Merkle;

/// <summary>The index bookkeeping shared by the RFC 9162 proof verifications (§2.1.3.2, §2.1.4.2).</summary>
internal static class ProofPath
{
    /// <summary>
    /// Takes one proof hash's step up the tree from node <paramref name="index"/> of the tree whose last
    /// node is <paramref name="last"/>: returns true when that hash is the left sibling (hash it as
    /// left || current), false when it is the right one; shifts both indexes as the RFC prescribes.
    /// </summary>
    public static bool StepUp(ref long index, ref long last)
    {
        var siblingIsLeft = (index & 1) == 1 || index == last;
        if (siblingIsLeft)
        {
            while ((index & 1) == 0 && index != 0)
            {
                index >>= 1;
                last >>= 1;
            }
        }

        index >>= 1;
        last >>= 1;
        return siblingIsLeft;
    }
}
