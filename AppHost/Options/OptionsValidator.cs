using System.Globalization;

namespace RedisAspire.AppHost.Options;

/// <summary>Checks the deployment verbs' options; every message names the configuration key to fix.</summary>
public static class OptionsValidator
{
    private const int MaxPort = 65535;

    /// <summary>Returns one message per problem in the <c>Container</c> section; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(ContainerOptions options) => ContainerOptionsValidator.Validate(options);

    /// <summary>Returns one message per problem in the <c>SampleApi</c> section; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(SampleApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Port is < 0 or > MaxPort
            ? [Format($"SampleApi:Port must be between 1 and {MaxPort}, or 0 to pick a free port (is {options.Port}).")]
            : [];
    }

    /// <summary>Returns one message per problem in the <c>Otlp</c> section; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(OtlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.IsEnabled
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"Otlp:Endpoint '{options.Endpoint}' is not an absolute http or https URL; use the collector's OTLP address, e.g. http://127.0.0.1:4318 (http/protobuf) or http://127.0.0.1:4317 (grpc), or leave it empty to export nothing.");
        }

        if (!string.IsNullOrEmpty(options.Protocol) && options.Protocol is not (OtlpOptions.HttpProtobuf or OtlpOptions.Grpc))
        {
            errors.Add($"Otlp:Protocol '{options.Protocol}' is not supported; use {OtlpOptions.HttpProtobuf} or {OtlpOptions.Grpc}.");
        }

        return errors;
    }

    internal static void RequirePositive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(Format($"{key} must be positive (is {value})."));
        }
    }

    internal static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
