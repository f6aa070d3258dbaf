namespace FederatedAgents.Audit.Storage;

/// <summary>
/// The SQL of the evidence tables, the same in both stores: <c>audit_checkpoints(size, note)</c> holds this
/// log's signed notes (size unique, so replicas cannot store two checkpoints of one size),
/// <c>audit_cosignatures(size, key_name, key_id, line)</c> partners' cosignature lines for them,
/// <c>audit_witnessed(origin, size, note)</c> partners' checkpoints this organization verified, and
/// <c>audit_receipts(own_idx, issuer, txn, receipt)</c> partners' receipts beside own records.
/// </summary>
internal static class EvidenceSql
{
    public const string InsertCheckpoint = "INSERT INTO audit_checkpoints (size, note) VALUES (@size, @note) ON CONFLICT (size) DO NOTHING";

    /// <summary>Checkpoints with their cosignature lines (one row per line, or one with a null line), for a filter on <c>c.size</c>.</summary>
    public const string SelectCheckpointsWhere =
        "SELECT c.size, c.note, s.line FROM audit_checkpoints c LEFT JOIN audit_cosignatures s ON s.size = c.size WHERE ";

    public const string OrderCheckpoints = " ORDER BY c.size, s.key_name, s.key_id";

    public const string InsertCosignature =
        "INSERT INTO audit_cosignatures (size, key_name, key_id, line) SELECT @size, @name, @id, @line "
        + "WHERE EXISTS (SELECT 1 FROM audit_checkpoints WHERE size = @size) ON CONFLICT DO NOTHING";

    public const string InsertWitnessed = "INSERT INTO audit_witnessed (origin, size, note) VALUES (@origin, @size, @note) ON CONFLICT DO NOTHING";

    public const string SelectLatestWitnessed = "SELECT note FROM audit_witnessed WHERE origin = @origin ORDER BY size DESC LIMIT 1";

    public const string InsertReceipt =
        "INSERT INTO audit_receipts (own_idx, issuer, txn, receipt) SELECT @idx, @issuer, @txn, @receipt "
        + "WHERE EXISTS (SELECT 1 FROM audit_records WHERE idx = @idx) ON CONFLICT DO NOTHING";

    public const string SelectReceiptsWhere = "SELECT own_idx, issuer, txn, receipt FROM audit_receipts WHERE ";

    /// <summary>The verifier's view: raw notes of checkpoints with sizes in (after, through].</summary>
    public const string SelectCheckpointNotes = "SELECT size, note FROM audit_checkpoints WHERE size > @after AND size <= @through ORDER BY size";

    /// <summary>The DDL of the evidence tables, given the dialect's 64-bit integer type.</summary>
    public static string CreateTables(string bigint) => $"""
        CREATE TABLE IF NOT EXISTS audit_checkpoints (size {bigint} PRIMARY KEY, note TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_cosignatures (
            size {bigint} NOT NULL, key_name TEXT NOT NULL, key_id {bigint} NOT NULL, line TEXT NOT NULL, PRIMARY KEY (size, key_name, key_id));
        CREATE TABLE IF NOT EXISTS audit_witnessed (origin TEXT NOT NULL, size {bigint} NOT NULL, note TEXT NOT NULL, PRIMARY KEY (origin, size));
        CREATE TABLE IF NOT EXISTS audit_receipts (
            own_idx {bigint} NOT NULL, issuer TEXT NOT NULL, txn TEXT, receipt TEXT NOT NULL, PRIMARY KEY (own_idx, issuer));
        CREATE INDEX IF NOT EXISTS audit_receipts_txn ON audit_receipts (txn);
        """;
}
