using FederatedAgents.Authority.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Authority.Hosting;

/// <summary>
/// Stops startup when <c>Authority</c> cannot work, listing every problem with its key and fix. It loads
/// everything the authority will load (keys, certificates, partners' key sources), so a missing or
/// unreadable file is caught here too.
/// </summary>
internal sealed class AuthorityOptionsValidator : IValidateOptions<AuthorityOptions>
{
    private readonly IOptions<OrganizationOptions> _organization;
    private readonly IHostEnvironment _environment;
    private readonly TimeProvider _time;

    public AuthorityOptionsValidator(IOptions<OrganizationOptions> organization, IHostEnvironment environment, TimeProvider time)
    {
        _organization = organization;
        _environment = environment;
        _time = time;
    }

    public ValidateOptionsResult Validate(string? name, AuthorityOptions options)
    {
        var configuration = new AuthorityConfiguration(options, _organization.Value, _environment.ContentRootPath, _time);
        using var settings = AuthoritySettingsLoader.TryLoad(configuration, includeOrganization: false, out var problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
