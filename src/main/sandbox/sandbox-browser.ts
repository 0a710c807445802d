/**
 * A "browser" that signs a demo user in on the sandbox's own consent page over plain HTTP: the
 * same form a person clicks, filled in and submitted, then the redirect followed back to Relink's
 * loopback listener. Used to connect the demo world's profiles at first start.
 */
import type { BrowserOpener, Http } from '../ports'

function hiddenFields(html: string): URLSearchParams {
  const form = new URLSearchParams()
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    form.set(decodeEntities(match[1] ?? ''), decodeEntities(match[2] ?? ''))
  }
  return form
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '')
}

export function createSandboxBrowser(http: Http, account: () => { username: string; password: string }): BrowserOpener {
  return {
    async open(url) {
      const page = await http.request({ method: 'GET', url })
      if (page.status !== 200) throw new Error(`The sandbox sign-in page answered ${page.status}`)
      const form = hiddenFields(page.body)
      const { username, password } = account()
      form.set('username', username)
      form.set('password', password)
      form.set('decision', 'allow')
      const action = /<form method="post"(?: action="([^"]*)")?>/.exec(page.body)?.[1]
      const submitted = await http.request({
        method: 'POST',
        url: action ? new URL(decodeEntities(action), url).href : url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      })
      const location = submitted.headers.location
      if (submitted.status !== 302 || !location) throw new Error(`The sandbox did not accept the sign-in (${submitted.status})`)
      await http.request({ method: 'GET', url: new URL(location, url).href })
    },
  }
}
