namespace RedisAspire.Tests.Publishing;

/// <summary>What the validator said about one document.</summary>
public sealed record ValidationResult(string File, int Index, string? ApiVersion, string? Kind, string? Name, bool Valid, string? Error);
