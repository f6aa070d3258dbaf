using System.Runtime.CompilerServices;
using FederatedAgents.Audit.Checkpoints;

namespace FederatedAgents.Audit.Storage;

/// <summary><see cref="IAuditCheckpointStore"/> over either database, through the shared <see cref="EvidenceSql"/>.</summary>
internal sealed class DbCheckpointStore(DbAuditBackend database) : IAuditCheckpointStore
{
    public async Task<SignedCheckpoint> AddAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await database.WriteAsync(
            async connection =>
            {
                await using var insert = connection.Command(EvidenceSql.InsertCheckpoint)
                    .With("@size", checkpoint.Head.Size).With("@note", checkpoint.ToNote());
                return await insert.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

        var stored = await GetAsync(checkpoint.Head.Size, cancellationToken)
            ?? throw new AuditLogDamagedException($"The checkpoint for {checkpoint.Head.Size} records vanished right after it was stored.");
        return stored.Head == checkpoint.Head
            ? stored
            : throw new AuditLogDamagedException(
                $"A checkpoint for {checkpoint.Head.Size} records with root {stored.Head.Root} is already stored; refusing to keep a second one "
                + $"with root {checkpoint.Head.Root}. Two checkpoints of one size that disagree are a split view or tampering: run the audit verifier.");
    }

    public Task<SignedCheckpoint?> GetLatestAsync(CancellationToken cancellationToken = default) =>
        ReadAsync("c.size = (SELECT MAX(size) FROM audit_checkpoints)", null, cancellationToken).FirstOrDefaultAsync(cancellationToken).AsTask();

    public Task<SignedCheckpoint?> GetAsync(long treeSize, CancellationToken cancellationToken = default) =>
        ReadAsync("c.size = @size", treeSize, cancellationToken).FirstOrDefaultAsync(cancellationToken).AsTask();

    public IAsyncEnumerable<SignedCheckpoint> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadAsync("1 = 1", null, cancellationToken);

    public async Task AddCosignatureAsync(long treeSize, NoteSignature cosignature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cosignature);
        var inserted = await database.WriteAsync(
            async connection =>
            {
                await using var insert = connection.Command(EvidenceSql.InsertCosignature)
                    .With("@size", treeSize).With("@name", cosignature.KeyName).With("@id", (long)cosignature.KeyId).With("@line", cosignature.ToLine());
                return await insert.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
        if (inserted == 0 && await GetAsync(treeSize, cancellationToken) is null)
        {
            throw new InvalidOperationException($"No checkpoint for {treeSize} records is stored, so there is nothing for {cosignature.KeyName} to cosign.");
        }
    }

    public async Task AddWitnessedAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await database.WriteAsync(
            async connection =>
            {
                await using var insert = connection.Command(EvidenceSql.InsertWitnessed)
                    .With("@origin", checkpoint.Origin).With("@size", checkpoint.Head.Size).With("@note", checkpoint.ToNote());
                return await insert.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<SignedCheckpoint?> GetLatestWitnessedAsync(string origin, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var select = connection.Command(EvidenceSql.SelectLatestWitnessed).With("@origin", origin);
        return await select.ExecuteScalarAsync(cancellationToken) is string note ? Parse(note, $"the witnessed checkpoint of '{origin}'") : null;
    }

    private async IAsyncEnumerable<SignedCheckpoint> ReadAsync(
        string filter, long? size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var command = connection.Command(EvidenceSql.SelectCheckpointsWhere + filter + EvidenceSql.OrderCheckpoints);
        if (size is { } value)
        {
            command.With("@size", value);
        }

        SignedCheckpoint? current = null;
        await foreach (var (rowSize, note, line) in command.ReadRowsAsync(
            row => (row.GetInt64(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2)), cancellationToken))
        {
            if (current is not null && current.Head.Size != rowSize)
            {
                yield return current;
                current = null;
            }

            current ??= Parse(note, $"the stored checkpoint for {rowSize} records");
            if (current.Head.Size != rowSize)
            {
                throw new AuditLogDamagedException($"The checkpoint stored for {rowSize} records is for {current.Head.Size}; run the audit verifier.");
            }

            if (line is not null && NoteSignature.TryParse(line) is { } cosignature)
            {
                current = current.WithSignature(cosignature);
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    private static SignedCheckpoint Parse(string note, string what)
    {
        try
        {
            return SignedCheckpoint.Parse(note);
        }
        catch (FormatException e)
        {
            throw new AuditLogDamagedException($"{what} is not a signed checkpoint ({e.Message}); run the audit verifier.");
        }
    }
}
