using FederatedAgents.Testing;

namespace FederatedAgents.Audit.Tests.Evidence;

/// <summary>Tests over <see cref="TwoOrgs"/>: a fresh pair of logs per test.</summary>
public abstract class TwoOrgsTest : IAsyncLifetime
{
    private TwoOrgs? _orgs;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal TwoOrgs Orgs => _orgs ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public async ValueTask InitializeAsync() => _orgs = await TwoOrgs.CreateAsync().Bounded();

    public async ValueTask DisposeAsync()
    {
        if (_orgs is not null)
        {
            await _orgs.DisposeAsync();
        }
    }
}
