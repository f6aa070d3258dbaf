using FederatedAgents.Authority;
using FederatedAgents.Authority.ClientAuthentication;
using FederatedAgents.Authority.Configuration;
using FederatedAgents.Authority.DevIdentity;
using FederatedAgents.Authority.Events;
using FederatedAgents.Authority.Grants;
using FederatedAgents.Authority.Hosting;
using FederatedAgents.Authority.Introspection;
using FederatedAgents.Authority.Metadata;
using FederatedAgents.Authority.Protocol;
using FederatedAgents.Authority.Revocation;
using FederatedAgents.Authority.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the organization's authority, or only its revocation list (for a gateway in another process).</summary>
public static class AuthorityServiceCollectionExtensions
{
    /// <summary>
    /// Adds the authority from the organization configuration (<c>Organization</c>, <c>Storage</c>, <c>Authority</c>
    /// sections; relative paths start at the host's content root): its services, its TLS listener on
    /// <c>Authority:Listen</c>, and the revocation list. Every setting is checked when the host starts, and a bad
    /// one stops it with each key at fault and its fix. Map the endpoints with <c>app.MapFederatedAuthority()</c>.
    /// Replace <see cref="IAuthorityEventSink"/> to record events elsewhere (the default logs them).
    /// </summary>
    public static IServiceCollection AddFederatedAuthority(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFederatedRevocationList(configuration);
        services.AddRouting();
        services.AddOptions<AuthorityOptions>()
            .Bind(configuration.GetSection(AuthorityOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthorityOptions>, ConfigurationValidator>());
        services.TryAddSingleton(sp => AuthoritySettingsLoader.Load(new AuthorityConfiguration(
            sp.GetRequiredService<IOptions<AuthorityOptions>>().Value,
            sp.GetRequiredService<IOptions<OrganizationOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<AuthoritySettings>();
            return new LocalAuthority(settings.Issuer, settings.Keys);
        });
        services.TryAddSingleton<IAuthorityEventSink, LoggingEventSink>();
        services.TryAddSingleton<LocalTokens>();
        services.TryAddSingleton<SubjectTokens>();
        services.TryAddSingleton<TokenIssuance>();
        services.TryAddSingleton<ClientAuthenticator>();
        services.TryAddSingleton<OAuthEndpoint>();
        services.TryAddSingleton<ClientCredentialsGrant>();
        services.TryAddSingleton<TokenExchangeGrant>();
        services.TryAddSingleton<JwtBearerGrant>();
        services.TryAddSingleton<TokenEndpoint>();
        services.TryAddSingleton<IntrospectionEndpoint>();
        services.TryAddSingleton<RevocationEndpoint>();
        services.TryAddSingleton<DevLoginEndpoint>();
        services.TryAddSingleton<MetadataEndpoint>();
        services.TryAddSingleton<JwksEndpoint>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, AuthorityKestrelSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuthorityStartup>());
        services.TryAddSingleton(new AuthorityRegistration(configuration));
        return services;
    }

    /// <summary>
    /// Adds <see cref="IRevocationList"/> alone, against the organization's store (<c>Organization</c> and
    /// <c>Storage</c> sections): what a gateway running without the authority in its process needs to refuse
    /// revoked tokens. Loaded while the host starts, then polled every <c>Authority:RevocationPollInterval</c> (default 1 s).
    /// </summary>
    public static IServiceCollection AddFederatedRevocationList(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OrganizationOptions>().Bind(configuration.GetSection(OrganizationOptions.SectionName));
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddSingleton<ConfigurationValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, ConfigurationValidator>());
        services.TryAddSingleton(sp => LoadOrganizationStore(sp));
        services.TryAddSingleton<IAuthorityStore>(sp => CreateStore(sp));
        services.TryAddSingleton<RevocationList>();
        services.TryAddSingleton<IRevocationList>(sp => sp.GetRequiredService<RevocationList>());
        services.TryAddSingleton(new RevocationListSettings(
            configuration.GetValue($"{AuthorityOptions.SectionName}:{nameof(AuthorityOptions.RevocationPollInterval)}", TimeSpan.FromSeconds(1))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RevocationListRefresher>());
        return services;
    }

    private static SqlAuthorityStore CreateStore(IServiceProvider services)
    {
        var (_, settings) = LoadStoreSettings(services);
        StoreConnections connections = settings.IsPostgres ? new PostgresConnections(settings.ConnectionString) : new SqliteConnections(settings.ConnectionString);
        return new SqlAuthorityStore(connections, services.GetRequiredService<TimeProvider>());
    }

    private static OrganizationStore LoadOrganizationStore(IServiceProvider services)
    {
        var (organization, settings) = LoadStoreSettings(services);
        return new OrganizationStore(organization.Name, organization.DataDirectory, settings.IsPostgres ? settings.ConnectionString : null);
    }

    /// <summary>Throws <see cref="AuthorityConfigurationException"/> listing the problems of <c>Organization</c> and <c>Storage</c>.</summary>
    private static (OrganizationSettings Organization, StoreSettings Store) LoadStoreSettings(IServiceProvider services)
    {
        var problems = new ConfigurationProblems();
        var (organization, settings) = services.GetRequiredService<ConfigurationValidator>()
            .LoadOrganizationStore(services.GetRequiredService<IOptions<StorageOptions>>().Value, problems);
        return organization is null || settings is null ? throw new AuthorityConfigurationException(problems.All) : (organization, settings);
    }
}
