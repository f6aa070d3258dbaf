namespace FederatedAgents.Gateway.Limits;

/// <summary>One limit a route's calls count against: the agent's or a method policy's <c>MaxConcurrentCalls</c>.</summary>
/// <param name="Scope">What the limit covers, for the caller's message and the log: "agent loans", "method bank.Loans/Quote".</param>
internal sealed record ConcurrencyLimit(ConcurrencyCounter Counter, int Limit, string Scope)
{
    /// <summary>
    /// Enters every limit or none; returns the first one that is full, or null when the call may go on
    /// (it then exits all of them with <see cref="ExitAll"/>).
    /// </summary>
    public static ConcurrencyLimit? TryEnterAll(IReadOnlyList<ConcurrencyLimit> limits)
    {
        for (var i = 0; i < limits.Count; i++)
        {
            if (!limits[i].Counter.TryEnter(limits[i].Limit))
            {
                for (var j = 0; j < i; j++)
                {
                    limits[j].Counter.Exit();
                }

                return limits[i];
            }
        }

        return null;
    }

    public static void ExitAll(IReadOnlyList<ConcurrencyLimit> limits)
    {
        for (var i = 0; i < limits.Count; i++)
        {
            limits[i].Counter.Exit();
        }
    }
}
