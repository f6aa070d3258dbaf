using FederatedAgents.Authority.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Authority.Hosting;

/// <summary>Stops startup when <c>Organization</c> or <c>Storage</c> cannot work, naming the key and the fix.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StorageOptions>
{
    private readonly IOptions<OrganizationOptions> _organization;
    private readonly IHostEnvironment _environment;
    private readonly TimeProvider _time;

    public StoreOptionsValidator(IOptions<OrganizationOptions> organization, IHostEnvironment environment, TimeProvider time)
    {
        _organization = organization;
        _environment = environment;
        _time = time;
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new ConfigurationProblems();
        Load(options, problems);
        return problems.Any ? ValidateOptionsResult.Fail(problems.All) : ValidateOptionsResult.Success;
    }

    /// <summary>The store settings, or null after recording the problems.</summary>
    public StoreSettings? Load(StorageOptions options, ConfigurationProblems problems)
    {
        var files = new ConfigurationFiles(_environment.ContentRootPath, problems, _time);
        var organization = OrganizationSettings.Load(_organization.Value, files, problems);
        return StoreSettings.Load(options, organization?.DataDirectory, problems);
    }
}
