using Microsoft.Extensions.DependencyInjection;

namespace FederatedAgents.Grpc.AspNetCore.Binding;

/// <summary>
/// Gets a service instance per call: from DI when the type is registered (DI owns its lifetime),
/// otherwise created with a constructor factory compiled once (and disposed after the call).
/// </summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly ObjectFactory<TService>? _factory;

    private ServiceActivator(ObjectFactory<TService>? factory) => _factory = factory;

    public static ServiceActivator<TService> Create(IServiceProvider services)
    {
        var registered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) == true;
        return new ServiceActivator<TService>(registered ? null : ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes));
    }

    public TService Activate(IServiceProvider requestServices) =>
        _factory is null ? requestServices.GetRequiredService<TService>() : _factory(requestServices, null);

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
