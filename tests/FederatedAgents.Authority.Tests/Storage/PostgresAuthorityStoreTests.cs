using FederatedAgents.Authority.Storage;
using FederatedAgents.Testing;

namespace FederatedAgents.Authority.Tests.Storage;

/// <summary>The store contract on a fresh PostgreSQL database (needs <c>FA_TEST_POSTGRES</c>; fails under CI without it).</summary>
public sealed class PostgresAuthorityStoreTests : AuthorityStoreContract
{
    private protected override async Task<IStoreDatabase> OpenAsync() => new PostgresDatabase(await PostgresTestDatabase.CreateAsync());

    private sealed class PostgresDatabase(PostgresTestDatabase database) : IStoreDatabase
    {
        private readonly List<SqlAuthorityStore> _stores = [];

        public SqlAuthorityStore NewStore(TimeProvider time)
        {
            var store = new SqlAuthorityStore(new PostgresConnections(database.ConnectionString), time);
            _stores.Add(store);
            return store;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var store in _stores)
            {
                await store.DisposeAsync();
            }

            await database.DisposeAsync();
        }
    }
}
