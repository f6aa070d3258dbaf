using System.Text.Json;

namespace FederatedAgents.Audit.Events;

/// <summary>
/// The canonical, versioned serialization of audit events: deterministic ASCII JSON whose bytes are
/// the Merkle leaf data. The same event always yields the same bytes; stores keep exactly these bytes.
/// </summary>
public static class AuditEventSerializer
{
    public static byte[] Serialize(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return JsonSerializer.SerializeToUtf8Bytes(auditEvent, AuditJsonContext.Default.AuditEvent);
    }

    /// <summary>Reads canonical bytes back; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static AuditEvent Deserialize(ReadOnlySpan<byte> leafData)
    {
        try
        {
            return JsonSerializer.Deserialize(leafData, AuditJsonContext.Default.AuditEvent)
                ?? throw new FormatException("An audit record cannot be JSON null.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            throw new FormatException($"Not a valid audit record (canonical JSON v{AuditEvent.CurrentSchemaVersion}): {e.Message}", e);
        }
    }
}
