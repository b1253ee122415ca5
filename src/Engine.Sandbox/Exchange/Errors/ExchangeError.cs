namespace Engine.Sandbox.Exchange.Errors;

/// <summary>
/// A synchronous v3 rejection: the HTTP status and one entry of the v3 error body
/// <c>{"errors":[{"msg","param","location","value"}]}</c>. Only <see cref="Message"/> is always present.
/// </summary>
public sealed record ExchangeError(int HttpStatus, string Message, string? Param = null, string? Location = null, string? Value = null)
{
    public static ExchangeError BadRequest(string message, string? param = null, string? value = null) =>
        new(400, message, param, param is null ? null : "body", value);

    public override string ToString() => $"{HttpStatus} {Message}";
}
