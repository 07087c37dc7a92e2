using System.Text.Json;
using System.Text.RegularExpressions;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// The facts of Aspire's aspire-8.0 manifest schema (https://json.schemastore.org/aspire-8.0.json) that the resource
/// types used here must satisfy, written out by hand: required and allowed properties per type (the schema forbids
/// additional properties), property types, binding enums, volume and bind mount items, parameter inputs, and
/// placeholders that name existing resources, bindings and properties.
/// </summary>
public static partial class AspireManifestSchema
{
    private static readonly Dictionary<string, (string[] Required, string[] Allowed)> Types = new(StringComparer.Ordinal)
    {
        ["container.v0"] = (["type", "image"], ["type", "image", "entrypoint", "args", "connectionString", "env", "bindings", "bindMounts", "volumes"]),
        ["project.v0"] = (["type", "path"], ["type", "path", "args", "env", "bindings"]),
        ["value.v0"] = (["connectionString"], ["type", "connectionString"]),
        ["parameter.v0"] = (["value", "inputs"], ["type", "value", "connectionString", "inputs"]),
    };

    private static readonly string[] GenerateFlags = ["lower", "upper", "numeric", "special"];
    private static readonly string[] GenerateCounts = ["minLength", "minLower", "minUpper", "minNumeric", "minSpecial"];

    /// <summary>Every violation found, each naming the resource and property; empty when the manifest satisfies the facts.</summary>
    public static IReadOnlyList<string> Validate(JsonElement root)
    {
        var errors = new List<string>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
        {
            return ["the manifest must be an object with a 'resources' object"];
        }

        foreach (var resource in resources.EnumerateObject())
        {
            ValidateResource(resource.Name, resource.Value, errors);
        }

        ValidatePlaceholders(root, resources, errors);
        return errors;
    }

    private static void ValidateResource(string name, JsonElement resource, List<string> errors)
    {
        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name}: a resource must be an object with a string 'type'");
            return;
        }

        var type = typeElement.GetString()!;
        if (!Types.TryGetValue(type, out var shape))
        {
            errors.Add($"{name}: type '{type}' is not one this product publishes");
            return;
        }

        errors.AddRange(shape.Required.Where(p => !resource.TryGetProperty(p, out _)).Select(p => $"{name}: {type} requires '{p}'"));
        foreach (var property in resource.EnumerateObject())
        {
            var where = $"{name}.{property.Name}";
            var value = property.Value;
            if (!shape.Allowed.Contains(property.Name))
            {
                errors.Add($"{where}: {type} does not allow this property");
                continue;
            }

            switch (property.Name)
            {
                case "type" or "image" or "entrypoint" or "path" or "connectionString" or "value":
                    Expect(value.ValueKind == JsonValueKind.String, where, "must be a string", errors);
                    break;
                case "args":
                    Expect(value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(IsString), where, "must be an array of strings", errors);
                    break;
                case "env":
                    Expect(value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(e => IsString(e.Value)), where, "must be an object of strings", errors);
                    break;
                case "bindings":
                    ValidateBindings(where, value, errors);
                    break;
                case "volumes":
                    ValidateMounts(where, value, "name", errors);
                    break;
                case "bindMounts":
                    ValidateMounts(where, value, "source", errors);
                    break;
                case "inputs":
                    ValidateInputs(where, value, errors);
                    break;
            }
        }
    }

    private static void ValidateBindings(string where, JsonElement bindings, List<string> errors)
    {
        if (bindings.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{where}: must be an object");
            return;
        }

        foreach (var binding in bindings.EnumerateObject())
        {
            var at = $"{where}.{binding.Name}";
            var value = binding.Value;
            Expect(OneOf(value, "scheme", "http", "https", "tcp", "udp"), at, "scheme must be http, https, tcp or udp", errors);
            Expect(OneOf(value, "protocol", "tcp", "udp"), at, "protocol must be tcp or udp", errors);
            Expect(OneOf(value, "transport", "http", "http2", "tcp"), at, "transport must be http, http2 or tcp", errors);
            foreach (var property in value.EnumerateObject())
            {
                var ok = property.Name switch
                {
                    "scheme" or "protocol" or "transport" => true,
                    "external" => property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    "port" or "targetPort" => property.Value.ValueKind == JsonValueKind.Number,
                    _ => false,
                };
                Expect(ok, $"{at}.{property.Name}", "is not an allowed binding property of this type", errors);
            }
        }
    }

    private static void ValidateMounts(string where, JsonElement mounts, string nameProperty, List<string> errors)
    {
        if (mounts.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{where}: must be an array");
            return;
        }

        foreach (var mount in mounts.EnumerateArray())
        {
            var ok = mount.ValueKind == JsonValueKind.Object
                && mount.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).SequenceEqual(new[] { nameProperty, "readOnly", "target" }.Order(StringComparer.Ordinal))
                && IsString(mount.GetProperty(nameProperty)) && IsString(mount.GetProperty("target"))
                && mount.GetProperty("readOnly").ValueKind is JsonValueKind.True or JsonValueKind.False;
            Expect(ok, where, $"items need exactly '{nameProperty}' (string), 'target' (string) and 'readOnly' (boolean)", errors);
        }
    }

    private static void ValidateInputs(string where, JsonElement inputs, List<string> errors)
    {
        if (inputs.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{where}: must be an object");
            return;
        }

        foreach (var input in inputs.EnumerateObject())
        {
            var at = $"{where}.{input.Name}";
            var value = input.Value;
            Expect(OneOf(value, "type", "string"), at, "type must be 'string'", errors);
            foreach (var property in value.EnumerateObject())
            {
                var ok = property.Name switch
                {
                    "type" => true,
                    "secret" => property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    "default" => IsGenerateDefault(property.Value),
                    _ => false,
                };
                Expect(ok, $"{at}.{property.Name}", "is not a valid input property", errors);
            }
        }
    }

    private static bool IsGenerateDefault(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
        && value.EnumerateObject().Select(p => p.Name).SequenceEqual(["generate"])
        && value.GetProperty("generate") is { ValueKind: JsonValueKind.Object } generate
        && generate.TryGetProperty("minLength", out _)
        && generate.EnumerateObject().All(p =>
            (GenerateCounts.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.Number)
            || (GenerateFlags.Contains(p.Name) && p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False));

    // {resource.property…}: a binding's host/port/targetPort/url/scheme, a parameter's value or input, a connection
    // string. "{{" and "}}" are literal braces; any other brace is an error a manifest consumer would stop at.
    private static void ValidatePlaceholders(JsonElement root, JsonElement resources, List<string> errors)
    {
        foreach (var text in Strings(root))
        {
            foreach (var placeholder in Placeholders(text, errors))
            {
                var parts = placeholder.Split('.');
                if (!Reference().IsMatch(placeholder))
                {
                    errors.Add($"{{{placeholder}}}: not a reference of the form {{resource.property…}}");
                    continue;
                }

                if (!resources.TryGetProperty(parts[0], out var resource))
                {
                    errors.Add($"{{{placeholder}}}: no resource '{parts[0]}'");
                    continue;
                }

                var type = resource.TryGetProperty("type", out var t) ? t.GetString() : null;
                var ok = parts[1..] switch
                {
                    ["bindings", var binding, "host" or "port" or "targetPort" or "url" or "scheme"] =>
                        resource.TryGetProperty("bindings", out var bindings) && bindings.TryGetProperty(binding, out _),
                    ["value"] => type == "parameter.v0",
                    ["inputs", var input] => type == "parameter.v0" && resource.GetProperty("inputs").TryGetProperty(input, out _),
                    ["connectionString"] => resource.TryGetProperty("connectionString", out _),
                    _ => false,
                };
                Expect(ok, $"{{{placeholder}}}", "does not name an existing binding, parameter value or connection string", errors);
            }
        }
    }

    /// <summary>The references in <paramref name="text"/>; unbalanced braces are reported.</summary>
    public static IEnumerable<string> Placeholders(string text, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        var found = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '{' or '}' && i + 1 < text.Length && text[i + 1] == text[i])
            {
                i++;
            }
            else if (text[i] == '}')
            {
                errors.Add($"a lone '}}' at {i} in \"{Shorten(text)}\" (write '}}}}' for a literal brace)");
            }
            else if (text[i] == '{')
            {
                var end = text.IndexOf('}', i + 1);
                if (end < 0)
                {
                    errors.Add($"an unterminated '{{' at {i} in \"{Shorten(text)}\" (write '{{{{' for a literal brace)");
                    break;
                }

                found.Add(text[(i + 1)..end]);
                i = end;
            }
        }

        return found;
    }

    /// <summary>What a manifest consumer makes of a string without references: doubled braces become single.</summary>
    public static string Unescape(string text) =>
        text.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static bool IsString(JsonElement element) => element.ValueKind == JsonValueKind.String;

    private static bool OneOf(JsonElement element, string property, params string[] allowed) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && IsString(value) && allowed.Contains(value.GetString());

    private static void Expect(bool condition, string where, string problem, List<string> errors)
    {
        if (!condition)
        {
            errors.Add($"{where}: {problem}");
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Reference();
}
