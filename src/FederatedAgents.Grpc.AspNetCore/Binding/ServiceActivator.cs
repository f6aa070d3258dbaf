using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Grpc.AspNetCore.Binding;

/// <summary>
/// Gets a service instance per call: from DI when the type is registered (DI owns its lifetime), otherwise
/// created per call (and disposed after it): with its parameterless constructor when that is its only public
/// one, so the call needs no request service scope, else with a constructor factory compiled once that takes
/// its arguments from the request's services.
/// </summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly ObjectFactory<TService>? _factory;
    private readonly bool _parameterless;

    private ServiceActivator(ObjectFactory<TService>? factory, bool parameterless)
    {
        _factory = factory;
        _parameterless = parameterless;
    }

    public static ServiceActivator<TService> Create(IServiceProvider services)
    {
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) == true)
        {
            return new ServiceActivator<TService>(null, parameterless: false);
        }

        var parameterless = typeof(TService).GetConstructors() is [var only] && only.GetParameters().Length == 0;
        return new ServiceActivator<TService>(ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes), parameterless);
    }

    public TService Activate(HttpContext http) =>
        _factory is null ? http.RequestServices.GetRequiredService<TService>()
        : _parameterless ? Activator.CreateInstance<TService>()
        : _factory(http.RequestServices, null);

    public ValueTask ReleaseAsync(TService service)
    {
        if (_factory is null)
        {
            return default;
        }

        if (service is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        (service as IDisposable)?.Dispose();
        return default;
    }
}
