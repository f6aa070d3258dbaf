using System.Text;

namespace FederatedAgents.Tokens.Delegation;

/// <summary>
/// Who a token speaks for and who is acting: the subject, then the actors from the earliest to
/// the current one (RFC 8693 §4.1: the outermost <c>act</c> is the current actor), with what the
/// token grants (<see cref="Scopes"/>) and the context the authorities carry along: the workflow
/// transaction, the declared purpose, the certificate the token is bound to, and who may act next.
/// </summary>
public sealed record DelegationChain
{
    public DelegationChain(Principal subject, IReadOnlyList<Principal>? actors = null)
    {
        Subject = subject;
        Actors = actors ?? [];
    }

    public Principal Subject { get; init; }

    /// <summary>Earliest first; the last one is <see cref="CurrentActor"/>. Empty when the subject acts itself.</summary>
    public IReadOnlyList<Principal> Actors { get; init; }

    /// <summary>The party making the call now; null when the subject acts itself.</summary>
    public Principal? CurrentActor => Actors.Count == 0 ? null : Actors[^1];

    /// <summary>The number of actors in the chain (0 when the subject acts itself).</summary>
    public int Depth => Actors.Count;

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The <c>txn</c> claim: the workflow or transaction this call belongs to.</summary>
    public string? TransactionId { get; init; }

    /// <summary>The <c>purpose</c> claim, where a policy asks for one.</summary>
    public string? Purpose { get; init; }

    /// <summary>The <c>cnf</c> <c>x5t#S256</c> the token is bound to (RFC 8705), base64url.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>The <c>may_act</c> claim: who the subject allows to act for it next (RFC 8693 §4.4).</summary>
    public Principal? MayAct { get; init; }

    /// <summary>The chain one hop longer: <paramref name="actor"/> becomes the current actor. Other members are kept.</summary>
    public DelegationChain WithActor(Principal actor) => this with { Actors = [.. Actors, actor] };

    /// <summary>One line, earliest to current: <c>alice@A → orchestrator@A → credit@B</c>.</summary>
    public override string ToString() => string.Join(" → ", [Subject, .. Actors]);

    /// <summary>A multi-line tree for CLIs: each actor indented under the one it acts for, then scopes and context.</summary>
    public string ToTree()
    {
        var tree = new StringBuilder().Append(Subject).AppendLine(" (subject)");
        for (var i = 0; i < Actors.Count; i++)
        {
            tree.Append(' ', 3 * i).Append("└─ ").Append(Actors[i]);
            tree.AppendLine(i == Actors.Count - 1 ? " (current actor)" : "");
        }

        tree.Append("scope: ").AppendLine(Scopes.Count == 0 ? "(none)" : string.Join(' ', Scopes));
        AppendIfSet(tree, "txn", TransactionId);
        AppendIfSet(tree, "purpose", Purpose);
        AppendIfSet(tree, "bound to certificate x5t#S256", CertificateThumbprint);
        AppendIfSet(tree, "may act next", MayAct?.ToString());
        return tree.ToString().TrimEnd();
    }

    private static void AppendIfSet(StringBuilder tree, string label, string? value)
    {
        if (value is not null)
        {
            tree.Append(label).Append(": ").AppendLine(value);
        }
    }
}
