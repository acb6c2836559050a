using System.Text;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Tests;

/// <summary>Plain HTTP requests against the server and their JSON answers, for checking exact wire behaviour.</summary>
public static class Raw
{
    public sealed record Answer(int Code, string Body, string ContentType)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
        public string? Message => Json["message"]?.GetValue<string>();
        public string? Reason => Json["reason"]?.GetValue<string>();
    }

    public static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null,
        string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new((int)response.StatusCode, text, response.Content.Headers.ContentType?.MediaType ?? "");
    }

    public static Task<Answer> GetAsync(HttpClient http, string path, string? accept = null) => SendAsync(http, HttpMethod.Get, path, accept: accept);

    public static Task<Answer> PostAsync(HttpClient http, string path, string body) => SendAsync(http, HttpMethod.Post, path, body);

    public static Task<Answer> PutAsync(HttpClient http, string path, string body) => SendAsync(http, HttpMethod.Put, path, body);

    public static Task<Answer> DeleteAsync(HttpClient http, string path, string? body = null) => SendAsync(http, HttpMethod.Delete, path, body);

    public const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static string PodJson(string name, string? node = null, string extraMetadata = "")
    {
        var nodeName = node is null ? "" : $"\"nodeName\":\"{node}\",";
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"" + extraMetadata + "},"
            + "\"spec\":{" + nodeName + "\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.36\"}]}}";
    }
}
