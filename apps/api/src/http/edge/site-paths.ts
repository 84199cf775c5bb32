/**
 * Which part of the site a request is for. Express matches routes without regard to case, so
 * `/API/complaints` reaches the same handler as `/api/complaints`: these checks ignore case too,
 * or a request could reach a route while escaping the rules meant for it.
 */
const pathOf = (url: string): string => {
  const end = url.search(/[?#]/);
  return (end === -1 ? url : url.slice(0, end)).toLowerCase();
};

const isUnder = (prefix: string) => (url: string) => {
  const path = pathOf(url);
  return path === prefix || path.startsWith(`${prefix}/`);
};

/** The JSON API: it reads nothing but `application/json`. */
export const isApiPath = isUnder('/api');

/** The OpenAPI page, whose bundled Swagger UI carries inline styles. */
export const isApiDocsPath = isUnder('/api/docs');

/** Sign-in and the pages that follow it. */
export const isAuthPath = isUnder('/auth');

/** Health, for load balancers and operators: JSON. */
export const isHealthPath = isUnder('/health');

/** The pages' own styles, scripts, fonts and images: the same for everyone, cached. */
export const isAssetPath = isUnder('/assets');
