using FederatedAgents.Authority.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Authority.Hosting;

/// <summary>
/// Stops startup when the organization's configuration cannot work, listing every problem with its key and
/// fix: <c>Organization</c> and <c>Storage</c> (whatever is hosted), and <c>Authority</c> (when the authority is),
/// whose check loads everything the authority will load, so a missing or unreadable file is caught too.
/// </summary>
internal sealed class ConfigurationValidator : IValidateOptions<StorageOptions>, IValidateOptions<AuthorityOptions>
{
    private readonly IOptions<OrganizationOptions> _organization;
    private readonly IHostEnvironment _environment;
    private readonly TimeProvider _time;

    public ConfigurationValidator(IOptions<OrganizationOptions> organization, IHostEnvironment environment, TimeProvider time)
    {
        _organization = organization;
        _environment = environment;
        _time = time;
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new ConfigurationProblems();
        LoadStore(options, problems);
        return problems.Any ? ValidateOptionsResult.Fail(problems.All) : ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, AuthorityOptions options)
    {
        var configuration = new AuthorityConfiguration(options, _organization.Value, _environment.ContentRootPath, _time);
        using var settings = AuthoritySettingsLoader.TryLoad(configuration, includeOrganization: false, out var problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The store settings, or null after recording the problems of <c>Organization</c> and <c>Storage</c>.</summary>
    public StoreSettings? LoadStore(StorageOptions options, ConfigurationProblems problems) => LoadOrganizationStore(options, problems).Store;

    /// <summary>The organization and its store settings; nulls after recording the problems of <c>Organization</c> and <c>Storage</c>.</summary>
    public (OrganizationSettings? Organization, StoreSettings? Store) LoadOrganizationStore(StorageOptions options, ConfigurationProblems problems)
    {
        var files = new ConfigurationFiles(_environment.ContentRootPath, problems, _time);
        var organization = OrganizationSettings.Load(_organization.Value, files, problems);
        return (organization, StoreSettings.Load(options, organization?.DataDirectory, problems));
    }
}
