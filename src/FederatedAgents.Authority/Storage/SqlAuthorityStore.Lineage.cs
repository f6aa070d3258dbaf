using System.Data.Common;

namespace FederatedAgents.Authority.Storage;

internal sealed partial class SqlAuthorityStore
{
    public async ValueTask<bool> RecordLineageAsync(string child, DateTimeOffset childExpiresAt, IReadOnlyList<string> parents, CancellationToken cancellationToken)
    {
        var expires = childExpiresAt.ToUnixTimeSeconds();
        if (parents.Count > 0)
        {
            (string, object)[] values = [("@child", child), ("@expires", expires), .. parents.Select((p, i) => ($"@parent{i}", (object)p))];
            await ExecuteAsync(Sql.AddLineage(parents.Count), cancellationToken, values);
        }

        if (await ScalarAsync(Sql.CountRevokedAncestry, cancellationToken, ("@child", child)) == 0)
        {
            return false;
        }

        await ExecuteAsync(Sql.Revoke, cancellationToken, ("@id", child), ("@expires", expires), ("@now", Now));
        return true;
    }

    public async ValueTask<IReadOnlyList<RevokedToken>> RevokeAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = Now;
        await ExecuteAsync(Sql.Revoke, cancellationToken, ("@id", id), ("@expires", expiresAt.ToUnixTimeSeconds()), ("@now", now));
        var revoked = new List<RevokedToken> { new(id, expiresAt) };
        var connection = await _connections.OpenAsync(cancellationToken);
        try
        {
            await using (var descendants = Command(connection, Sql.Descendants, [("@id", id), ("@now", now)]))
            await using (var reader = await descendants.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    revoked.Add(new RevokedToken(reader.GetString(0), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1))));
                }
            }

            await RevokeAllAsync(connection, revoked.Skip(1), now, cancellationToken);
        }
        finally
        {
            await _connections.ReleaseAsync(connection);
        }

        return revoked;
    }

    public async ValueTask<IReadOnlyList<RevocationRecord>> ReadRevocationsAsync(long after, IReadOnlyCollection<long> gaps, int limit, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var parameters = new List<(string, object)> { ("@after", after), ("@limit", limit) };
        parameters.AddRange(gaps.Select((gap, i) => ($"@gap{i}", (object)gap)));
        var records = new List<RevocationRecord>();
        var connection = await _connections.OpenAsync(cancellationToken);
        try
        {
            await using var command = Command(connection, Sql.ReadRevocations(gaps.Count), parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(new RevocationRecord(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(2))));
            }
        }
        finally
        {
            await _connections.ReleaseAsync(connection);
        }

        return records;
    }

    private static async Task RevokeAllAsync(DbConnection connection, IEnumerable<RevokedToken> tokens, long now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var token in tokens)
        {
            await using var command = Command(connection, Sql.Revoke, [("@id", token.Id), ("@expires", token.ExpiresAt.ToUnixTimeSeconds()), ("@now", now)]);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
