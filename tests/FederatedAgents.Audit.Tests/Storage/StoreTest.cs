using FederatedAgents.Audit.Storage;

namespace FederatedAgents.Audit.Tests.Storage;

/// <summary>A test against a fresh database of one kind with a store open on it, filled by <see cref="SeedAsync"/>.</summary>
public abstract class StoreTest : IAsyncLifetime
{
    private StoreDatabase? _database;
    private IAuditLogStore? _store;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected StoreDatabase Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected IAuditLogStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public async ValueTask InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _store = await _database.OpenAsync();
        await SeedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    protected abstract Task SeedAsync();
}
