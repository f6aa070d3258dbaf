using System.Data.Common;

namespace FederatedAgents.Authority.Storage;

internal sealed partial class SqlAuthorityStore
{
    /// <summary>Tokens named in one statement; frontiers of a revocation larger than this are read in parts.</summary>
    private const int MaxIdsPerStatement = 500;

    /// <remarks>
    /// Exchanges that arrive together are group-committed (see <see cref="LineageCommitter"/>). The lineage is
    /// committed before the parents are looked at. A revocation commits each generation of descendants before it
    /// looks for the next, so if the parent's revocation is not seen here, the revocation's next look for children
    /// sees this child.
    /// </remarks>
    public ValueTask<bool> RecordLineageAsync(string child, DateTimeOffset childExpiresAt, IReadOnlyList<string> parents, CancellationToken cancellationToken) =>
        parents.Count == 0 ? ValueTask.FromResult(false) : new(_lineage.RecordAsync(new Lineage(child, childExpiresAt, parents), cancellationToken));

    /// <remarks>The token's revocation is committed first, then each generation of descendants, before the next is looked for.</remarks>
    public async ValueTask<IReadOnlyList<RevokedToken>> RevokeAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = Now;
        await ExecuteAsync(Sql.Revoke, cancellationToken, ("@id", id), ("@expires", expiresAt.ToUnixTimeSeconds()), ("@now", now));
        var revoked = new List<RevokedToken> { new(id, expiresAt) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        List<string> frontier = [id];
        while (frontier.Count > 0)
        {
            var children = new List<RevokedToken>();
            foreach (var part in frontier.Chunk(MaxIdsPerStatement))
            {
                children.AddRange((await ChildrenAsync(part, now, cancellationToken)).Where(c => seen.Add(c.Id)));
            }

            await RevokeAllAsync(children, now, cancellationToken);
            revoked.AddRange(children);
            frontier = [.. children.Select(c => c.Id)];
        }

        return revoked;
    }

    public async ValueTask<IReadOnlyList<RevocationRecord>> ReadRevocationsAsync(long after, IReadOnlyCollection<long> gaps, int limit, CancellationToken cancellationToken)
    {
        (string, object)[] parameters = [("@after", after), ("@limit", limit), .. gaps.Select((gap, i) => ($"@gap{i}", (object)gap))];
        return await WithStatementAsync(
            Sql.ReadRevocations(gaps.Count),
            parameters,
            command => ReadAllAsync(command, reader => new RevocationRecord(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(2))), cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Commits the lineage of a batch of exchanges in one transaction, then looks at all their parents at once and
    /// revokes (in one transaction) the children of revoked parents. True for each child that was revoked.
    /// </summary>
    private async Task<bool[]> CommitLineageAsync(IReadOnlyList<Lineage> batch, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var connection = await _connections.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var lineage in batch)
            {
                using var command = Statement(
                    connection,
                    Sql.AddLineage(lineage.Parents.Count),
                    [("@child", lineage.Child), ("@expires", lineage.ExpiresAt.ToUnixTimeSeconds()), .. Numbered("parent", lineage.Parents)]);
                command.Command.Transaction = transaction;
                await command.Command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await _connections.ReleaseAsync(connection);
        }

        var revoked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in batch.SelectMany(l => l.Parents).Distinct(StringComparer.Ordinal).Chunk(MaxIdsPerStatement))
        {
            revoked.UnionWith(await WithStatementAsync(
                Sql.SelectRevoked(part.Length),
                Numbered("id", part),
                command => ReadAllAsync(command, reader => reader.GetString(0), cancellationToken),
                cancellationToken));
        }

        var outcomes = batch.Select(l => l.Parents.Any(revoked.Contains)).ToArray();
        await RevokeAllAsync([.. batch.Where((_, i) => outcomes[i]).Select(l => new RevokedToken(l.Child, l.ExpiresAt))], Now, cancellationToken);
        return outcomes;
    }

    private static (string, object)[] Numbered(string name, IEnumerable<string> values) => [.. values.Select((v, i) => ($"@{name}{i}", (object)v))];

    private Task<List<RevokedToken>> ChildrenAsync(string[] parents, long now, CancellationToken cancellationToken) =>
        WithStatementAsync(
            Sql.Children(parents.Length),
            [("@now", now), .. Numbered("parent", parents)],
            command => ReadAllAsync(command, reader => new RevokedToken(reader.GetString(0), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1))), cancellationToken),
            cancellationToken);

    private static async Task<List<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Revokes one generation in one transaction, committed before the caller looks for the next.</summary>
    private async Task RevokeAllAsync(List<RevokedToken> tokens, long now, CancellationToken cancellationToken)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var connection = await _connections.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var token in tokens)
            {
                using var command = Statement(connection, Sql.Revoke, [("@id", token.Id), ("@expires", token.ExpiresAt.ToUnixTimeSeconds()), ("@now", now)]);
                command.Command.Transaction = transaction;
                await command.Command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await _connections.ReleaseAsync(connection);
        }
    }
}
