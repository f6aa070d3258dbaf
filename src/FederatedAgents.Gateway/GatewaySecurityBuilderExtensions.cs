using FederatedAgents.Authority;
using FederatedAgents.Authority.Events;
using FederatedAgents.Gateway.Auditing;
using FederatedAgents.Gateway.Authentication;
using FederatedAgents.Gateway.Authorization;
using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Gateway.Egress;
using FederatedAgents.Gateway.Forwarding;
using FederatedAgents.Tokens.Caching;
using FederatedAgents.Tokens.Validation;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the gateway's security pipeline: authentication, authorization, egress filter and audit.</summary>
public static class GatewaySecurityBuilderExtensions
{
    /// <summary>
    /// Every routed call then passes, in order: authentication (a delegation token for <c>Gateway:Security:Audience</c>,
    /// bound to a partner's certificate, not revoked), the method's policy, and the egress filter for responses to
    /// partners; every decision is appended to the organization's audit log (<c>Organization</c> and <c>Storage</c>
    /// sections) before the caller gets its status, and partners get a signed receipt in the <c>fa-audit-receipt</c> trailer.
    /// Tokens of this organization's authority are checked with its keys when it runs in this process
    /// (<c>AddFederatedAuthority</c>), else with <c>Gateway:Security:Authority</c>; its token events go to the same log.
    /// Requires <c>Gateway:Security</c>; a missing or invalid setting stops startup naming the key.
    /// </summary>
    public static IFederatedGatewayBuilder AddGatewaySecurity(this IFederatedGatewayBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        services.AddFederatedRevocationList(configuration);
        services.TryAddSingleton(sp => CreateIssuerKeys(sp));
        services.TryAddSingleton(sp => CreateValidator(sp));
        services.TryAddSingleton(sp => new DescriptorRegistry(sp.GetServices<GatewayServiceDescriptors>().SelectMany(d => d.Files)));
        services.TryAddSingleton<EgressFilter>();
        AddDelegationTokenScheme(services);
        services.AddSingleton<IGatewayCallFilter>(sp =>
        {
            // The scheme's handler is created per request: resolving its validator with the filters (when the gateway is
            // mapped) makes a missing or invalid Gateway:Security stop startup instead of failing the first call.
            sp.GetRequiredService<ITokenValidator>();
            return new AuthenticationFilter();
        });
        services.AddSingleton<IGatewayCallFilter, PolicyFilter>();
        services.AddSingleton<IGatewayCallFilter, EgressCallFilter>();
        if (!bool.TryParse(configuration[$"{GatewayConfig.SectionName}:Security:Audit:Enabled"], out var audited) || audited)
        {
            services.TryAddSingleton<GatewayAuditLog>();
            services.AddHostedService(sp => sp.GetRequiredService<GatewayAuditLog>());
            services.AddSingleton<IGatewayCallObserver, AuditObserver>();
            services.RemoveAll<IAuthorityEventSink>();
            services.AddSingleton<IAuthorityEventSink, AuditEventSink>();
        }

        return builder;
    }

    /// <summary>
    /// Adds compiled service descriptors (e.g. <c>CreditAssessmentReflection.Descriptor</c>) the egress filter needs for
    /// the methods whose responses it filters. A partner's call to a method without one is refused (fail closed).
    /// </summary>
    public static IFederatedGatewayBuilder AddServiceDescriptors(this IFederatedGatewayBuilder builder, params FileDescriptor[] files)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new GatewayServiceDescriptors(files));
        return builder;
    }

    /// <summary>
    /// The <see cref="DelegationTokenDefaults.AuthenticationScheme"/> scheme, never a default one. A web application adds the
    /// authentication middleware by itself once authentication is registered, and makes a lone scheme the default for
    /// every request; that would authenticate each call before the gateway routes it (and every request of the host's
    /// other endpoints). The framework's switch turns the lone-scheme default off, unless the application set it.
    /// </summary>
    private static void AddDelegationTokenScheme(IServiceCollection services)
    {
        const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";
        if (!AppContext.TryGetSwitch(SuppressAutoDefaultScheme, out _))
        {
            AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
        }

        services.AddAuthentication().AddScheme<DelegationTokenAuthenticationOptions, DelegationTokenAuthenticationHandler>(DelegationTokenDefaults.AuthenticationScheme, null);
    }

    private static GatewaySecurityConfigured Security(IServiceProvider services)
    {
        var snapshots = services.GetRequiredService<GatewaySnapshotProvider>();
        return new(snapshots, snapshots.Current.Config.Security ?? throw new GatewayConfigurationException(
            [$"{GatewayConfig.SectionName}:Security: is missing; add {{ \"Audience\": \"https://<this gateway>\" }} (and Authority when the authority runs in another process)."]));
    }

    private static GatewayIssuerKeys CreateIssuerKeys(IServiceProvider services)
    {
        var (snapshots, security) = Security(services);
        var time = services.GetRequiredService<TimeProvider>();
        var http = new HttpClient();
        if (security.Authority is { } authority)
        {
            return new GatewayIssuerKeys(authority.Issuer.OriginalString, GatewayIssuerKeys.For(authority, http, time), snapshots, http, time);
        }

        var local = services.GetService<LocalAuthority>() ?? throw new GatewayConfigurationException(
            [$"{GatewayConfig.SectionName}:Security:Authority: is missing and no authority runs in this process; give the organization's authority as {{ \"Issuer\": ..., \"JwksUri\" or \"JwksFile\": ... }}."]);
        return new GatewayIssuerKeys(local.Issuer, local.Keys, snapshots, http, time);
    }

    private static ITokenValidator CreateValidator(IServiceProvider services)
    {
        var (_, security) = Security(services);
        var validator = new TokenValidator(
            new TokenValidatorOptions { Kind = TokenKind.AccessToken, Audience = security.Audience },
            services.GetRequiredService<GatewayIssuerKeys>(),
            services.GetRequiredService<TimeProvider>());
        return security.CacheValidatedTokens ? new CachingTokenValidator(validator) : validator;
    }

    private sealed record GatewaySecurityConfigured(GatewaySnapshotProvider Snapshots, SecurityConfig Security);
}
