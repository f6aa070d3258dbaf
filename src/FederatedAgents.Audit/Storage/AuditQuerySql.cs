using System.Data.Common;
using System.Text;
using System.Text.Json;
using FederatedAgents.Audit.Events;

namespace FederatedAgents.Audit.Storage;

/// <summary>Turns an <see cref="AuditQuery"/> into one SELECT over the records' canonical JSON members.</summary>
internal static class AuditQuerySql
{
    /// <param name="member">The store's expression for a top-level member of the record, e.g. <c>json_extract(record, '$.txn')</c>.</param>
    public static DbCommand Build(DbConnection connection, AuditQuery query, Func<string, string> member)
    {
        var sql = new StringBuilder("SELECT idx, record FROM audit_records WHERE idx > @after");
        var command = connection.Command("").With("@after", query.AfterIndex);
        void Filter(string name, string op, object? value)
        {
            if (value is not null)
            {
                sql.Append($" AND {member(name)} {op} @{name}{op.Length}");
                command.With($"@{name}{op.Length}", value);
            }
        }

        Filter("txn", "=", query.Txn);
        Filter("subject", "=", query.Subject?.ToString());
        Filter("partnerOrg", "=", query.PartnerOrg);
        Filter("method", "=", query.Method);
        Filter("outcome", "=", query.Outcome is { } outcome ? JsonSerializer.Serialize(outcome, AuditJsonContext.Default.AuditOutcome).Trim('"') : null);
        Filter("occurredAt", ">=", query.From is { } from ? UtcTimestampConverter.ToText(from) : null);
        Filter("occurredAt", "<", query.To is { } to ? UtcTimestampConverter.ToText(to) : null);
        command.CommandText = sql.Append(" ORDER BY idx LIMIT @limit").ToString();
        return command.With("@limit", query.Limit);
    }

}
