using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Grpc.Interop.Tests.Client;

/// <summary>The methods of grpc.testing.TestService and grpc.testing.UnimplementedService the cases call.</summary>
internal static class TestServiceMethods
{
    private static readonly ServiceDescriptor s_test = TestReflection.Descriptor.FindTypeByName<ServiceDescriptor>("TestService");
    private static readonly ServiceDescriptor s_unimplemented = TestReflection.Descriptor.FindTypeByName<ServiceDescriptor>("UnimplementedService");

    public static readonly Method<Empty, Empty> EmptyCall = Find<Empty, Empty>(s_test, "EmptyCall");
    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall = Find<SimpleRequest, SimpleResponse>(s_test, "UnaryCall");

    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall =
        Find<StreamingInputCallRequest, StreamingInputCallResponse>(s_test, "StreamingInputCall");

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall =
        Find<StreamingOutputCallRequest, StreamingOutputCallResponse>(s_test, "StreamingOutputCall");

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall =
        Find<StreamingOutputCallRequest, StreamingOutputCallResponse>(s_test, "FullDuplexCall");

    public static readonly Method<Empty, Empty> UnimplementedCall = Find<Empty, Empty>(s_test, "UnimplementedCall");
    public static readonly Method<Empty, Empty> UnimplementedServiceCall = Find<Empty, Empty>(s_unimplemented, "UnimplementedCall");

    private static Method<TRequest, TResponse> Find<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        Method.FromDescriptor<TRequest, TResponse>(service.FindMethodByName(name));
}
