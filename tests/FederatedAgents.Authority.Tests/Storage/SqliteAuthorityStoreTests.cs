using FederatedAgents.Authority.Storage;
using FederatedAgents.Testing;

namespace FederatedAgents.Authority.Tests.Storage;

/// <summary>The store contract on a SQLite file in a temporary folder.</summary>
public sealed class SqliteAuthorityStoreTests : AuthorityStoreContract
{
    private protected override Task<IStoreDatabase> OpenAsync() => Task.FromResult<IStoreDatabase>(new SqliteDatabase());

    private sealed class SqliteDatabase : IStoreDatabase
    {
        private readonly TemporaryFolder _folder = new();
        private readonly List<SqlAuthorityStore> _stores = [];

        public SqlAuthorityStore NewStore(TimeProvider time)
        {
            var store = new SqlAuthorityStore(new SqliteConnections($"Data Source={Path.Combine(_folder.Path, "store.db")}"), time);
            _stores.Add(store);
            return store;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var store in _stores)
            {
                await store.DisposeAsync();
            }

            _folder.Dispose();
        }
    }
}
