using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Grpc;

/// <summary>A callable method: its shape, names and the marshallers for both directions.</summary>
public sealed class Method<TRequest, TResponse>
{
    public Method(MethodType type, string serviceName, string name, Marshaller<TRequest> requestMarshaller, Marshaller<TResponse> responseMarshaller)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = $"/{serviceName}/{name}";
        RequestMarshaller = requestMarshaller;
        ResponseMarshaller = responseMarshaller;
    }

    public MethodType Type { get; }

    /// <summary>Fully qualified service name, e.g. <c>grpc.health.v1.Health</c>.</summary>
    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c>: <c>/package.Service/Method</c>.</summary>
    public string FullName { get; }

    public Marshaller<TRequest> RequestMarshaller { get; }

    public Marshaller<TResponse> ResponseMarshaller { get; }
}

/// <summary>Builds <see cref="Method{TRequest, TResponse}"/> from protobuf descriptors.</summary>
public static class Method
{
    public static MethodType TypeOf(MethodDescriptor descriptor) =>
        (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };

    /// <summary>
    /// The method described by <paramref name="descriptor"/>; throws when the CLR types do not
    /// match the descriptor's input and output messages.
    /// </summary>
    public static Method<TRequest, TResponse> FromDescriptor<TRequest, TResponse>(MethodDescriptor descriptor)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        EnsureType(descriptor, descriptor.InputType, typeof(TRequest), "request");
        EnsureType(descriptor, descriptor.OutputType, typeof(TResponse), "response");
        return new Method<TRequest, TResponse>(
            TypeOf(descriptor),
            descriptor.Service.FullName,
            descriptor.Name,
            Marshallers.ForProtobuf((MessageParser<TRequest>)descriptor.InputType.Parser),
            Marshallers.ForProtobuf((MessageParser<TResponse>)descriptor.OutputType.Parser));
    }

    private static void EnsureType(MethodDescriptor method, MessageDescriptor message, Type clrType, string role)
    {
        if (message.ClrType != clrType)
        {
            throw new ArgumentException(
                $"Method {method.FullName} takes {message.FullName} ({message.ClrType?.FullName}) as its {role}, not {clrType.FullName}.");
        }
    }
}
