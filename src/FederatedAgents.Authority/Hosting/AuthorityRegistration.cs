using Microsoft.Extensions.Configuration;

namespace FederatedAgents.Authority.Hosting;

/// <summary>Marks that <c>AddFederatedAuthority</c> ran, and keeps the configuration it was given for mapping the routes.</summary>
internal sealed record AuthorityRegistration(IConfiguration Configuration);
