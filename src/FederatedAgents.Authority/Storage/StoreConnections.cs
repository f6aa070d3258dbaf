using System.Data.Common;

namespace FederatedAgents.Authority.Storage;

/// <summary>How <see cref="SqlAuthorityStore"/> reaches its database, and the little DDL that differs between engines.</summary>
internal abstract class StoreConnections : IAsyncDisposable
{
    /// <summary>The column definition of an increasing, never-reused sequence number.</summary>
    public abstract string SequenceColumn { get; }

    /// <summary>A statement run first in the schema transaction so replicas starting together create it once; null when the engine serializes writers anyway.</summary>
    public virtual string? SchemaLock => null;

    /// <summary>Where the data lives, for error messages (never a password).</summary>
    public abstract string Describe();

    /// <summary>An open connection for one unit of work; give it back with <see cref="ReleaseAsync"/>.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public abstract ValueTask ReleaseAsync(DbConnection connection);

    /// <summary>A command for <paramref name="sql"/> on a connection from <see cref="OpenAsync"/>; give it back with <see cref="ReleaseCommand"/>.</summary>
    public virtual DbCommand CreateCommand(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public virtual void ReleaseCommand(DbCommand command) => command.Dispose();

    public abstract ValueTask DisposeAsync();
}
