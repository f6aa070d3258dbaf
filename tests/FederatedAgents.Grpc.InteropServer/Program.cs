// Filled in by the gRPC stack work: grpc.testing.TestService on this project's server.
return 0;
