using System.Reflection;
using FederatedAgents.Grpc.AspNetCore.Calls;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Grpc.AspNetCore.Binding;

/// <summary>
/// Binds a service class to a protobuf service descriptor at map time: finds the public method for each
/// descriptor method, checks its shape and compiles a delegate, so no reflection runs per call. Every
/// problem is reported at once, with the signature that would fix it.
/// </summary>
internal static class ServiceBinder
{
    private static readonly MethodInfo s_createHandler =
        typeof(ServiceBinder).GetMethod(nameof(CreateHandler), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IReadOnlyList<ServerCallHandler> Bind<TService>(
        ServiceDescriptor service, IServiceProvider services, ServerSettings settings)
        where TService : class
    {
        var type = typeof(TService);
        var problems = new List<string>();
        var unimplemented = UnimplementedNames(type, service, problems);
        var activator = ServiceActivator<TService>.Create(services);
        var handlers = new List<ServerCallHandler>(service.Methods.Count);
        foreach (var method in service.Methods)
        {
            var path = $"/{service.FullName}/{method.Name}";
            var candidates = type.GetMember(method.Name, MemberTypes.Method, BindingFlags.Public | BindingFlags.Instance);
            if (unimplemented.Contains(method.Name))
            {
                if (candidates.Length > 0)
                {
                    problems.Add($"{method.Name} is marked [UnimplementedMethods] but {type.Name} also has a public method {method.Name}; remove one of them.");
                }

                handlers.Add(new UnimplementedMethodHandler(path, settings));
                continue;
            }

            if (method.InputType.ClrType is not { } request || method.OutputType.ClrType is not { } response)
            {
                problems.Add($"{method.Name}: the descriptor has no generated C# message types; pass a descriptor from the Grpc.Tools-generated code.");
                continue;
            }

            var expected = MethodSignature.For(method, request, response);
            var shape = Method.TypeOf(method).ToString().ToLowerInvariant();
            var implementation = Array.Find(candidates, c => expected.Matches((MethodInfo)c)) as MethodInfo;
            if (implementation is null)
            {
                problems.Add(candidates.Length == 0
                    ? $"{type.Name} has no public method for {shape} method {path}; add `{expected}`, or list \"{method.Name}\" in [UnimplementedMethods] on the class."
                    : $"{type.Name}.{method.Name} has the wrong signature for {shape} method {path}: found `{string.Join("`, `", candidates.Select(c => MethodSignature.Describe((MethodInfo)c)))}`; expected `{expected}`.");
                continue;
            }

            handlers.Add((ServerCallHandler)s_createHandler
                .MakeGenericMethod(type, request, response)
                .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [method, implementation, activator, settings], null)!);
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot map {type.FullName} as gRPC service {service.FullName}:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}");
        }

        return handlers;
    }

    private static HashSet<string> UnimplementedNames(Type type, ServiceDescriptor service, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in type.GetCustomAttributes<UnimplementedMethodsAttribute>())
        {
            foreach (var name in attribute.MethodNames)
            {
                if (service.FindMethodByName(name) is null)
                {
                    problems.Add($"[UnimplementedMethods] names \"{name}\", which service {service.FullName} does not define.");
                }

                names.Add(name);
            }
        }

        return names;
    }

    private static ServerCallHandler CreateHandler<TService, TRequest, TResponse>(
        MethodDescriptor descriptor, MethodInfo implementation, ServiceActivator<TService> activator, ServerSettings settings)
        where TService : class
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var method = Method.FromDescriptor<TRequest, TResponse>(descriptor);
        return method.Type switch
        {
            MethodType.Unary => new UnaryServerCallHandler<TService, TRequest, TResponse>(method,
                implementation.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(), activator, settings),
            MethodType.ServerStreaming => new ServerStreamingServerCallHandler<TService, TRequest, TResponse>(method,
                implementation.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(), activator, settings),
            MethodType.ClientStreaming => new ClientStreamingServerCallHandler<TService, TRequest, TResponse>(method,
                implementation.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(), activator, settings),
            _ => new DuplexStreamingServerCallHandler<TService, TRequest, TResponse>(method,
                implementation.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(), activator, settings),
        };
    }
}
