using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Binds the OpenTelemetry SDK's provider builders to the host's service collection, so the
/// tracer, meter and logger providers live in the container (and read the host's configuration)
/// and are flushed and disposed with it.
/// </summary>
internal sealed class OpenTelemetryServicesBuilder(IServiceCollection services) : IOpenTelemetryBuilder
{
    public IServiceCollection Services { get; } = services;
}
