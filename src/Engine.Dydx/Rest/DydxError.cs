namespace Engine.Dydx.Rest;

/// <summary>
/// One entry of a v3 error body {"errors":[{"msg","param","location","value"}]}. Only msg is always present;
/// validation failures name the offending param, where it was (headers, body, query, params) and its value.
/// </summary>
public sealed record DydxError(string Msg, string? Param = null, string? Location = null, string? Value = null);
