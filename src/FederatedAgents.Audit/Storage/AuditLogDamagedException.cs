namespace FederatedAgents.Audit.Storage;

/// <summary>
/// The stored tree contradicts itself, so the store refuses to append (it never repairs silently).
/// Treat it as an incident: run the verifier, which names the first bad index.
/// </summary>
public sealed class AuditLogDamagedException(string message) : Exception(message);
