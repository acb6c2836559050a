namespace PodLife.ApiServer.OpenApi;

/// <summary>Which OpenAPI dialect a document is written in: Swagger 2.0 (/openapi/v2) or OpenAPI 3.0 (/openapi/v3).</summary>
enum OpenApiFlavor
{
    V2,
    V3,
}
